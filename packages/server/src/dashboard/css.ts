/** The dashboard stylesheet, served from /dashboard/assets/dashboard.css so the CSP can stay
 * at style-src 'self'. */
export const DASHBOARD_CSS = `
:root{--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#f6f8fa;--accent:#5b5bd6}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header{display:flex;align-items:center;justify-content:space-between;padding:.75rem 1.5rem;background:#fff;border-bottom:1px solid var(--line)}
header a{color:var(--fg);text-decoration:none;font-weight:600}
main{max-width:60rem;margin:1.5rem auto;padding:0 1rem}
section,.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1rem 1.25rem;margin-bottom:1rem}
h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:0 0 .75rem}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:500}
code{background:var(--bg);padding:.1em .3em;border-radius:4px;word-break:break-all}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.75rem;margin-bottom:1rem}
.kpi{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem}
.kpi b{display:block;font-size:1.6rem}.kpi span{color:var(--muted);font-size:.85rem}
.chart{display:block;max-width:100%;margin:.5rem 0}.chart text{font-size:12px;fill:var(--fg)}.chart text.v{fill:var(--muted)}
.muted{color:var(--muted)}.error{color:#cf222e}
form.login{max-width:24rem;margin:4rem auto}
label{display:block;margin-bottom:.5rem;font-weight:500}
input[type=password]{width:100%;padding:.5rem;font:inherit;border:1px solid var(--line);border-radius:6px}
button{font:inherit;padding:.45rem 1rem;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;margin-top:.75rem}
button.link{background:none;border:none;color:var(--accent);padding:0;margin:0}
blockquote{margin:0 0 .5rem;padding:.4rem .75rem;border-left:3px solid var(--line);white-space:pre-wrap;word-break:break-word}
`

/** @jsxImportSource react */
import { Link } from '../router'

export function Home() {
  return (
    <>
      <h1 tabIndex={-1}>Reports</h1>
      <p>
        A small React app with Candor from npm. Open the <Link to="/editor">editor</Link>, export a
        report, and a short survey asks how exporting went. The survey widget lives on the editor
        page only: leave the page and it is gone.
      </p>
    </>
  )
}

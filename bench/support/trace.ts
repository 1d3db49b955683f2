/**
 * Reads a Chromium performance trace (browser.startTracing / stopTracing) for the page's
 * renderer main thread: script time and the longest task. Both in thread CPU time (`tdur`) as
 * well as wall time (`dur`): on a busy machine wall time also counts the moments the thread
 * was not scheduled, CPU time does not.
 */
import type { Browser, Page } from 'playwright-core'

export const traceCategories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'toplevel',
]

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  tdur?: number
  args?: { name?: string; data?: { url?: string }; beginData?: { url?: string } }
}

/** Events in which V8 runs script (a task's script work is the outermost of these). */
const SCRIPT = new Set([
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'v8.run',
  'v8.callFunction',
  'FunctionCall',
  'RunMicrotasks',
  'TimerFire',
  'EventDispatch',
  'FireAnimationFrame',
  'FireIdleCallback',
  'XHRReadyStateChange',
])
const TASK = new Set(['ThreadControllerImpl::RunTask', 'RunTask'])

export interface MainThread {
  /** Outermost script events summed, ms. */
  scriptCpu: number
  scriptWall: number
  /** Evaluating the page's external scripts (compile and first run, not later callbacks), ms. */
  evaluateCpu: number
  /** Every top-level task summed, ms (parse, style, layout, paint and script). */
  busyCpu: number
  /** The longest top-level task, ms. */
  longestWall: number
  longestCpu: number
}

/** Sum of the outermost events (ones not inside an earlier kept one), by `dur` and `tdur`. */
const outermost = (es: TraceEvent[]) => {
  let end = -1
  let wall = 0
  let cpu = 0
  for (const e of es) {
    if (e.ts < end) continue
    end = e.ts + (e.dur ?? 0)
    wall += e.dur ?? 0
    cpu += e.tdur ?? 0
  }
  return { wall: wall / 1000, cpu: cpu / 1000 }
}

/** The page's main thread: the CrRendererMain that committed or parsed `pageUrl`. */
export function readMainThread(events: TraceEvent[], pageUrl: string): MainThread {
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  )
  const key = (e: TraceEvent) => `${e.pid}:${e.tid}`
  const owner = events.find(
    (e) =>
      mains.has(key(e)) &&
      ((e.name === 'CommitLoad' && e.args?.data?.url === pageUrl) ||
        (e.name === 'ParseHTML' && e.args?.beginData?.url === pageUrl)),
  )
  if (!owner) throw new Error(`no main thread parsed ${pageUrl} in the trace`)
  const main = events
    .filter((e) => key(e) === key(owner) && e.ph === 'X')
    .sort((a, b) => a.ts - b.ts)
  const script = outermost(main.filter((e) => SCRIPT.has(e.name)))
  const tasks = main.filter((e) => TASK.has(e.name))
  const evaluate = main.filter(
    (e) => e.name === 'EvaluateScript' && e.args?.data?.url && e.args.data.url !== pageUrl,
  )
  return {
    scriptCpu: script.cpu,
    evaluateCpu: outermost(evaluate).cpu,
    scriptWall: script.wall,
    busyCpu: outermost(tasks).cpu,
    longestWall: Math.max(0, ...tasks.map((t) => (t.dur ?? 0) / 1000)),
    longestCpu: Math.max(0, ...tasks.map((t) => (t.tdur ?? 0) / 1000)),
  }
}

/** Trace `fn` (a navigation of `page`) and read the page's main thread. */
export async function traceMainThread(
  browser: Browser,
  page: Page,
  pageUrl: string,
  fn: () => Promise<void>,
): Promise<MainThread> {
  await browser.startTracing(page, { categories: traceCategories })
  await fn()
  const trace = JSON.parse((await browser.stopTracing()).toString()) as {
    traceEvents: TraceEvent[]
  }
  return readMainThread(trace.traceEvents, pageUrl)
}

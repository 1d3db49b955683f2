/**
 * The hooks the widget needs, in a fraction of preact/hooks' bytes (the script-tag size goal).
 * Same mechanism as preact/hooks, through the hook points it relies on too (preact's mangled
 * names, stable across Preact 10 and 11): `options.__r` runs before a component renders
 * (`vnode.__c` is its instance), the instance's render callbacks `__h` run once the DOM is
 * committed (refs set, children's callbacks first: layout-effect timing), and
 * componentWillUnmount runs for function components too.
 * Left out because the widget does not use them: functional updates, and effects that re-run
 * when their dependencies change (every widget effect runs once; see useMount).
 */
import { type Component, options } from 'preact'

type Cleanup = (() => void) | undefined
type Cell = { s?: [unknown, (v: unknown) => void]; m?: 1; c?: Cleanup }
type Instance = Component & {
  __h: (() => void)[]
  _cells?: Cell[]
  componentWillUnmount?(): void
}

let current: Instance
let index = 0
const hooks = options as unknown as { __r?(vnode: { __c: Instance }): void }
const before = hooks.__r
hooks.__r = (vnode) => {
  before?.(vnode)
  current = vnode.__c
  index = 0
}

/** This render's next hook cell; the first render of an instance creates them. */
const cell = (): [Instance, Cell] => {
  const c = current
  if (!c._cells) {
    const cells: Cell[] = []
    c._cells = cells
    c.componentWillUnmount = () => {
      for (const x of cells) x.c?.()
    }
  }
  const x = c._cells[index] || {}
  c._cells[index++] = x
  return [c, x]
}

export function useState<T>(init: T | (() => T)): [T, (v: T) => void]
export function useState<T = undefined>(): [T | undefined, (v: T | undefined) => void]
export function useState(init?: unknown) {
  const [c, x] = cell()
  x.s ||= [
    typeof init === 'function' ? init() : init,
    (v) => {
      // A new tuple, as preact/hooks gives, and no re-render for the same value.
      if (v !== x.s![0]) {
        x.s = [v, x.s![1]]
        c.setState({})
      }
    },
  ]
  return x.s
}

export const useRef = <T>(value: T | null): { current: T | null } =>
  useState(() => ({ current: value }))[0]

/**
 * Runs `effect` once, after the first commit (useLayoutEffect with `[]`); the cleanup it returns
 * runs on unmount. Props an effect reads must not change while mounted: the widget keys such
 * components (the Dialog by response id) so a change mounts a new one.
 */
export function useMount(effect: () => unknown): void {
  const [c, x] = cell()
  if (!x.m) {
    x.m = 1
    c.__h.push(() => {
      // Effects return a cleanup or nothing (focus() and the like).
      x.c = effect() as Cleanup
    })
  }
}

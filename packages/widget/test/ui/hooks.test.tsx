// @vitest-environment happy-dom
/** The in-house hooks (src/ui/hooks.ts) on real preact: state, refs, mount effects, unmount. */
import { render } from 'preact'
import { useState as preactUseState } from 'preact/hooks'
import { afterEach, describe, expect, it } from 'vitest'
import { useMount, useRef, useState } from '../../src/ui/hooks'

const el = document.createElement('div')
document.body.append(el)
afterEach(() => render(null, el))
const tick = () => new Promise((r) => setTimeout(r, 0))

describe('widget hooks', () => {
  it('useState: initial value (or initializer), re-render on a new value, none on the same', async () => {
    let renders = 0
    let set!: (v: number) => void
    let setLazy!: (v: string) => void
    function C() {
      renders++
      const [n, setN] = useState(1)
      const [s, setS] = useState(() => 'lazy')
      set = setN
      setLazy = setS
      return (
        <p>
          {n} {s}
        </p>
      )
    }
    render(<C />, el)
    expect(el.textContent).toBe('1 lazy')
    set(2)
    await tick()
    expect(el.textContent).toBe('2 lazy')
    expect(renders).toBe(2)
    set(2)
    await tick()
    expect(renders).toBe(2)
    setLazy('x')
    await tick()
    expect(el.textContent).toBe('2 x')
  })

  it('each instance keeps its own state', async () => {
    const sets: ((v: string) => void)[] = []
    function C({ id }: { id: string }) {
      const [v, set] = useState(id)
      sets.push(set)
      return <i>{v}</i>
    }
    render(
      <div>
        <C id="a" />
        <C id="b" />
      </div>,
      el,
    )
    sets[1]!('B')
    await tick()
    expect(el.textContent).toBe('aB')
  })

  it('useMount: once, after the commit (refs set, children first); cleanup on unmount', async () => {
    const log: string[] = []
    let bump!: (v: number) => void
    function Child() {
      const ref = useRef<HTMLSpanElement>(null)
      useMount(() => {
        log.push(`child mounted, ref ${ref.current?.tagName}`)
        return () => log.push('child cleanup')
      })
      return <span ref={ref} />
    }
    function Parent() {
      const [n, set] = useState(0)
      bump = set
      const ref = useRef<HTMLDivElement>(null)
      const first = useRef<typeof ref>(null)
      first.current ||= ref
      useMount(() => {
        log.push(`parent mounted, in DOM ${el.contains(ref.current)}`)
        return () => log.push('parent cleanup')
      })
      return (
        <div ref={ref}>
          {n}
          <Child />
          {first.current === ref ? '' : 'ref changed'}
        </div>
      )
    }
    render(<Parent />, el)
    expect(log).toEqual(['child mounted, ref SPAN', 'parent mounted, in DOM true'])
    bump(1)
    await tick()
    expect(el.textContent).toBe('1')
    expect(log).toHaveLength(2)
    render(null, el)
    expect(log.slice(2)).toEqual(['parent cleanup', 'child cleanup'])
  })

  it('works next to preact/hooks components in the same tree', async () => {
    let setA!: (v: string) => void
    let setB!: (v: string) => void
    function Ours() {
      const [v, set] = useState('a')
      setA = set
      return <b>{v}</b>
    }
    function Theirs() {
      const [v, set] = preactUseState('b')
      setB = set
      return <u>{v}</u>
    }
    render(
      <div>
        <Ours />
        <Theirs />
      </div>,
      el,
    )
    setA('A')
    setB('B')
    await tick()
    expect(el.textContent).toBe('AB')
  })
})

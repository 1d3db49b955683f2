import { expect, it } from 'vitest'
import * as widget from '../src/index'

it('the public API is exactly mountWidget (types aside)', () => {
  expect(Object.keys(widget).sort()).toEqual(['mountWidget'])
})

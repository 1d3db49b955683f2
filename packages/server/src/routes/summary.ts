import { Hono } from 'hono'
import type { AppContext } from '../app.js'

export function summaryRoutes(_ctx: AppContext): Hono {
  return new Hono()
}

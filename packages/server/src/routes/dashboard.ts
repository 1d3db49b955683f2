import { Hono } from 'hono'
import type { AppContext } from '../app.js'

export function dashboardRoutes(_ctx: AppContext): Hono {
  return new Hono()
}

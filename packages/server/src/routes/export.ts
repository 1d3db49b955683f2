import { Hono } from 'hono'
import type { AppContext } from '../app.js'

export function exportRoutes(_ctx: AppContext): Hono {
  return new Hono()
}

/** Query-string parsing for admin lists: bad values are 400s with the parameter named. */
import type { Context } from 'hono'
import { badRequest } from './errors.js'

/** ISO 8601 date(-time) or epoch milliseconds. */
export function timeParam(c: Context, name: string): number | undefined {
  const v = c.req.query(name)
  if (v === undefined || v === '') return undefined
  const ms = /^\d{1,15}$/.test(v) ? Number(v) : Date.parse(v)
  if (!Number.isFinite(ms))
    throw badRequest('invalid_query', `${name}: expected an ISO date or epoch ms`)
  return ms
}

export function boolParam(c: Context, name: string): boolean | undefined {
  const v = c.req.query(name)
  if (v === undefined || v === '') return undefined
  if (v === 'true' || v === '1') return true
  if (v === 'false' || v === '0') return false
  throw badRequest('invalid_query', `${name}: expected true or false`)
}

export function intParam(c: Context, name: string, min: number, max: number): number | undefined {
  const v = c.req.query(name)
  if (v === undefined || v === '') return undefined
  const n = Number(v)
  if (!Number.isInteger(n) || n < min || n > max)
    throw badRequest('invalid_query', `${name}: expected an integer from ${min} to ${max}`)
  return n
}

export function stringParam(c: Context, name: string, re: RegExp): string | undefined {
  const v = c.req.query(name)
  if (v === undefined || v === '') return undefined
  if (!re.test(v)) throw badRequest('invalid_query', `${name}: unexpected value`)
  return v
}

export function pageParams(c: Context) {
  return { cursor: c.req.query('cursor') || null, limit: intParam(c, 'limit', 1, 500) }
}

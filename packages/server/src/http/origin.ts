/** Origins are compared in their canonical form, `scheme://host[:port]`, lower case. */
export function canonicalOrigin(value: string): string | null {
  try {
    const u = new URL(value)
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null
    if (u.pathname !== '/' || u.search || u.hash || u.username || u.password) return null
    return u.origin
  } catch {
    return null
  }
}

/** An empty allow-list allows every origin; requests without Origin (servers, curl) pass. */
export function originAllowed(allowed: string[], origin: string | undefined): boolean {
  if (allowed.length === 0 || !origin) return true
  const canonical = canonicalOrigin(origin)
  return canonical !== null && allowed.includes(canonical)
}

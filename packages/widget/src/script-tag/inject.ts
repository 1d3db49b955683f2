/** Adds a classic script with SRI; resolves when it has run. */
export const inject = (src: string, integrity: string, nonce?: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const s = document.createElement('script')
    s.src = src
    s.integrity = integrity
    s.crossOrigin = 'anonymous'
    if (nonce) s.nonce = nonce
    s.onload = () => resolve()
    s.onerror = reject
    document.head.append(s)
  })

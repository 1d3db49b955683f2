import { fileURLToPath } from 'node:url'

/** The built widget files (candor.js, the hashed UI chunk, locales). This file sits one level
 * below packages/server both as src/static-dir.ts and bundled into dist/*.js, so the same
 * relative path works from source and from the build. */
export function defaultStaticDir(): string {
  return (
    process.env.CANDOR_STATIC_DIR || fileURLToPath(new URL('../../widget/dist', import.meta.url))
  )
}

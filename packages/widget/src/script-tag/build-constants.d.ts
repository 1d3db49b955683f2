// Replaced at build time by rollup.config.ts (a separate file: the replacement would break a
// `declare` next to the code). In unit tests they are globals the test defines.
/** The UI chunk's hashed file name, e.g. "candor-ui.0123456789.js" (in candor.js). */
declare const __CANDOR_UI_FILE__: string
/** Its SRI hash, "sha256-…" (in candor.js). */
declare const __CANDOR_UI_SRI__: string
/** The survey engine chunk's hashed file name, e.g. "candor-surveys.0123456789.js" (in candor.js). */
declare const __CANDOR_SURVEYS_FILE__: string
/** Its SRI hash, "sha256-…" (in candor.js). */
declare const __CANDOR_SURVEYS_SRI__: string
/** The lazy chunks' shared content hash and each one's SRI hash (in the UI chunk). */
declare const __CANDOR_CHUNKS__: { h: string; i: Record<string, string> }

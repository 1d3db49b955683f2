// Replaced at build time by rollup.config.ts (a separate file: the replacement would break a
// `declare` next to the code). In unit tests they are globals the test defines.
/** The core chunk's hashed file name, e.g. "candor-core.0123456789.js" (in candor.js). */
declare const __CANDOR_CORE_FILE__: string
/** Its SRI hash, "sha256-…" (in candor.js). */
declare const __CANDOR_CORE_SRI__: string
/** The UI chunk's hashed file name, e.g. "candor-ui.0123456789.js" (in the core chunk). */
declare const __CANDOR_UI_FILE__: string
/** Its SRI hash (in the core chunk). */
declare const __CANDOR_UI_SRI__: string
/** The lazy chunks' shared content hash and each one's SRI hash (in the UI chunk). */
declare const __CANDOR_CHUNKS__: { h: string; i: Record<string, string> }

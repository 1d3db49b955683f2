/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of the Candor server (default http://localhost:8787, what `npm start` runs). */
  readonly VITE_CANDOR_ENDPOINT?: string
  /** The project key `npm start` printed (pk_...). */
  readonly VITE_CANDOR_PROJECT_KEY?: string
}

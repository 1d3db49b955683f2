/** @jsxImportSource react */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { candor } from './candor'
import './styles.css'

// StrictMode mounts effects twice in development: a cheap check that the widget cleans up.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App candor={candor} />
  </StrictMode>,
)

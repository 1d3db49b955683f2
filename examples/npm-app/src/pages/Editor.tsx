/** @jsxImportSource react */
import type { Candor } from '@candor/sdk'
import { useState } from 'react'
import { CandorWidget } from '../CandorWidget'

/** Two features whose use is tracked (with consent); exporting triggers the survey. */
export function Editor({ candor }: { candor: Candor }) {
  const [status, setStatus] = useState('')
  return (
    <>
      <CandorWidget candor={candor} launcher />
      <h1 tabIndex={-1}>Editor</h1>
      <p>Quarterly report, 12 pages.</p>
      <div className="toolbar">
        <button
          type="button"
          onClick={() => {
            candor.track('export_clicked', { format: 'pdf' })
            setStatus('Exported report.pdf')
          }}
        >
          Export as PDF
        </button>
        <button
          type="button"
          onClick={() => {
            candor.track('share_clicked', { via: 'link' })
            setStatus('Share link copied')
          }}
        >
          Share link
        </button>
      </div>
      <p role="status">{status}</p>
    </>
  )
}

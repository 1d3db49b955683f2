// Kept out of the HTML so the page also works under a strict Content-Security-Policy.
candor('consent', 'granted')
document.getElementById('export').addEventListener('click', () => {
  candor('track', 'export_clicked', { format: 'pdf' })
})

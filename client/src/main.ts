// Placeholder until the explorer lands (issue 5): proves the build and the API are wired.
const app = document.getElementById('app')!;
app.textContent = 'Quanze 权责 — loading…';
fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ dataVersion }' }) })
  .then((r) => r.json())
  .then((r) => { app.textContent = `Quanze 权责 — data version ${r.data.dataVersion}`; });

// cytoscape-svg ships no types: it registers `cy.svg(options)` (see graphView.ts).
declare module 'cytoscape-svg' {
  const ext: import('cytoscape').Ext;
  export default ext;
}

// Vite's `?raw` import: a file's text, for showing a story helper's own source as its snippet.
declare module '*?raw' {
  const source: string;
  export default source;
}

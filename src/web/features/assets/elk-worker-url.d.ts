/** Vite serves elkjs's worker script as a file of its own (`?url`): a same-origin worker the CSP allows. */
declare module 'elkjs/lib/elk-worker.min.js?url' {
  const url: string;
  export default url;
}

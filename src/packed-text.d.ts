/** A file imported with `?packed`: shipped deflated, inflated on the first call (src/model/packed-text.ts). */
declare module '*?packed' {
  const text: () => string;
  export default text;
}

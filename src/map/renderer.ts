/**
 * Tells a software WebGL rasteriser from a GPU by its renderer string.
 * Office PCs in virtual machines or remote sessions often draw WebGL on the CPU
 * (SwiftShader in Chrome/Edge, llvmpipe under Mesa, Microsoft's Basic Render
 * Driver, WARP). There every frame is rasterised on the CPU, and 4× multisampling
 * multiplies that work: the map turns antialiasing off there and keeps it on a GPU.
 */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render|microsoft basic|\bwarp\b/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE.test(renderer);
}

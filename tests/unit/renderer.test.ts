import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer } from '../../src/map/renderer.ts';

describe('software WebGL renderers', () => {
  it.each([
    'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
    'Google SwiftShader',
    'llvmpipe (LLVM 15.0.6, 256 bits)',
    'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'Mesa softpipe',
  ])('%s is software', (r) => expect(isSoftwareRenderer(r)).toBe(true));

  it.each([
    'ANGLE (Intel, Intel(R) UHD Graphics 620 Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'ANGLE (NVIDIA, NVIDIA GeForce GTX 1650 Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'AMD Radeon(TM) Graphics',
    'Mali-G78',
    'WebKit WebGL',
  ])('%s is a GPU', (r) => expect(isSoftwareRenderer(r)).toBe(false));
});

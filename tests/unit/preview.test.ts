/**
 * The import dialog's small map: where a box lands, drawn and said, with the
 * outline of a real topology (the mini bundle's provinces).
 */
import { describe, expect, it } from 'vitest';
import { formatBbox, previewDrawing, VIETNAM_VIEW } from '../../src/map/preview.ts';
import { decodeBundle } from '../../src/io/bundle.ts';
import { miniPayload } from '../fixtures/mini-bundle.ts';

describe('previewDrawing', () => {
  it('draws a box in Hà Giang near the top of the frame, at a visible size', () => {
    const d = previewDrawing(undefined, undefined, [105.3, 23.2, 105.39, 23.26], 260, 300);
    expect(d.where).toBe('inside');
    expect(d.box!.w).toBeGreaterThanOrEqual(6);
    expect(d.box!.y).toBeLessThan(300 * 0.12);
    expect(d.box!.x).toBeGreaterThan(260 * 0.2);
    expect(d.box!.x).toBeLessThan(260 * 0.5);
  });

  it('widens the frame for a box near Vietnam, and only reports one far away', () => {
    const near = previewDrawing(undefined, undefined, [118, 10, 119, 11], 260, 300);
    expect(near).toMatchObject({ where: 'outside' });
    expect(near.box!.x + near.box!.w).toBeLessThanOrEqual(260);
    const far = previewDrawing(undefined, undefined, [480_000, 2_560_000, 490_000, 2_570_000], 260, 300);
    expect(far).toMatchObject({ where: 'outside', box: null });
    expect(previewDrawing(undefined, undefined, null, 260, 300)).toMatchObject({ where: 'none', box: null });
  });

  it('outlines the provinces of the bundle on screen', async () => {
    const b = await decodeBundle(miniPayload());
    const object = b.manifest.structures[0].provinceObject;
    const d = previewDrawing(b.topology, object, VIETNAM_VIEW, 260, 300);
    expect(d.outline).toMatch(/^M[\d.]+,[\d.]+/);
  });

  it('says where in words', () => {
    expect(formatBbox([105.3, 23.2, 105.39, 23.26])).toBe('105.30–105.39°E, 23.20–23.26°N');
  });
});

/**
 * The structure's provinces as the filters, exports, slides and report name
 * them: code and short name ("Hà Giang", not "Tỉnh Hà Giang"), in Vietnamese
 * alphabetical order.
 */
import { useMemo } from 'react';
import { compareVi } from '../../model/i18n.ts';
import { shortProvinceName } from '../../model/provinces.ts';
import type { StructureGeometry } from '../map/useAtlasGeometry.ts';

export function useProvinceList(geo: StructureGeometry | undefined): { code: string; name: string }[] {
  return useMemo(
    () => (geo ? geo.provinces.map((p) => ({ code: p.properties.code, name: shortProvinceName(geo.info.get(p.properties.code)?.name ?? p.properties.code) })).sort((a, b) => compareVi(a.name, b.name)) : []),
    [geo],
  );
}

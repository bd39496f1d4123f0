/**
 * The dataset this browser keeps (IndexedDB, see ./datasetStore.ts): found once
 * at start-up, opened on request (through the same replaceBundle as an import,
 * so a failure keeps the current data) or forgotten. A failure to open it is
 * kept as a reason for the page to show, not only logged.
 */
import { useEffect, useState } from 'react';
import { decodeBundle, type LoadedBundle } from '../../io/bundle.ts';
import { forgetDataset, keptDataset, type KeptDataset } from './datasetStore.ts';
import { reasonOf } from '../../model/text.ts';

export interface KeptDatasetState {
  /** The kept dataset, while it is neither opened nor forgotten. */
  kept?: KeptDataset;
  /** Decodes the kept dataset and shows it. */
  open: () => void;
  /** Deletes it from this browser. */
  forget: () => void;
  /** Why the last attempt to open it failed. */
  openError?: string;
}

export function useKeptDataset(replaceBundle: (bundle: LoadedBundle) => Promise<void>): KeptDatasetState {
  const [kept, setKept] = useState<KeptDataset | undefined>();
  const [openError, setOpenError] = useState<string>();
  useEffect(() => {
    let current = true;
    keptDataset().then((k) => current && setKept(k));
    return () => {
      current = false;
    };
  }, []);
  const open = () => {
    if (!kept) return;
    setOpenError(undefined);
    decodeBundle(kept.payload, 'IndexedDB')
      .then((b) => replaceBundle(b))
      .then(() => setKept(undefined))
      .catch((e: unknown) => {
        console.error(e);
        setOpenError(reasonOf(e));
      });
  };
  const forget = () => void forgetDataset().then(() => setKept(undefined));
  return { kept, open, forget, openError };
}

/**
 * The first and only screen of a protected folder until it is unlocked: a
 * passphrase field, in Vietnamese or English. Nothing of the data is known
 * here (the title and years are encrypted too), so the screen is generic.
 *
 * The passphrase lives in this component's state only while typed: it is sent
 * to `unlock` and cleared. The input has no `name` and the form never submits,
 * so it cannot end up in the URL; `autoComplete="off"` keeps password managers
 * from offering to store it. A wrong passphrase shows one message and, after
 * repeated failures, a growing wait before the next attempt (retryDelaySeconds).
 * The count is in memory, so a reload resets it: the wait only slows guessing
 * at this screen; offline guessing is slowed by the KDF.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ProtectError, retryDelaySeconds } from '../../io/protect.ts';
import { t, type Lang } from '../../model/i18n.ts';
import { reasonOf } from '../../model/text.ts';

export interface PassphraseScreenProps {
  lang: Lang;
  onLang: (lang: Lang) => void;
  /** Decrypts with the passphrase; rejects with ProtectError `rejected` when it is wrong. */
  unlock: (passphrase: string) => Promise<void>;
}

export function PassphraseScreen({ lang, onLang, unlock }: PassphraseScreenProps) {
  const [value, setValue] = useState('');
  const [show, setShow] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState(0);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  // The failure, not its text, so switching the language translates it too.
  const [error, setError] = useState<{ reason?: string } | undefined>();
  const input = useRef<HTMLInputElement>(null);

  const remaining = Math.max(0, Math.ceil((waitUntil - now) / 1000));
  useEffect(() => {
    if (waitUntil <= Date.now()) return;
    const id = setInterval(() => {
      const n = Date.now();
      setNow(n);
      if (n >= waitUntil) clearInterval(id);
    }, 250);
    return () => clearInterval(id);
  }, [waitUntil]);

  useEffect(() => {
    if (!busy && remaining === 0) input.current?.focus();
  }, [busy, remaining]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || remaining > 0 || value === '') return;
    const passphrase = value;
    setValue('');
    setBusy(true);
    setError(undefined);
    try {
      await unlock(passphrase);
    } catch (err) {
      if (err instanceof ProtectError && err.code === 'rejected') {
        const n = failures + 1;
        setFailures(n);
        const start = Date.now();
        setNow(start);
        setWaitUntil(start + retryDelaySeconds(n) * 1000);
        setError({});
      } else {
        console.error(err);
        setError({ reason: reasonOf(err) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="locked" data-testid="passphrase-screen">
      <form className="locked-box" onSubmit={(e) => void submit(e)} autoComplete="off">
        <div className="locked-head">
          <h1>{t(lang, 'appTitle')}</h1>
          <button type="button" onClick={() => onLang(lang === 'vi' ? 'en' : 'vi')} data-testid="lang">
            {t(lang, 'switchLang')}
          </button>
        </div>
        <h2>{t(lang, 'lockedTitle')}</h2>
        <p>{t(lang, 'lockedIntro')}</p>
        <label className="locked-field">
          {t(lang, 'passphrase')}
          <input
            ref={input}
            type={show ? 'text' : 'password'}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            disabled={busy}
            data-testid="passphrase"
          />
        </label>
        <label className="locked-show">
          <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
          {t(lang, 'showPassphrase')}
        </label>
        <button type="submit" className="primary" disabled={busy || remaining > 0 || value === ''} data-testid="unlock">
          {busy ? t(lang, 'unlocking') : t(lang, 'unlock')}
        </button>
        <div aria-live="polite">
          {error && (
            <p className="error-text" role="alert" data-testid="passphrase-error">
              {error.reason === undefined ? t(lang, 'wrongPassphrase') : t(lang, 'errorUnexpected', { reason: error.reason })}
            </p>
          )}
          {remaining > 0 && <p className="muted" data-testid="retry-wait">{t(lang, 'retryIn', { seconds: remaining })}</p>}
        </div>
        <p className="muted small">{t(lang, 'lockedNote')}</p>
      </form>
    </div>
  );
}

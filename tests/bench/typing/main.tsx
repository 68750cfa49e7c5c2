/**
 * The typing benchmark's page (built by tests/bench/typing.bench.ts with Vite in production mode): the real
 * FormView — the same renderers, AJV and rule layer as the task page — on the largest form, an options table of
 * 50 rows × 10 columns with computed NPV / IRR / payback. `?renderers=material` swaps in JSON Forms' stock
 * material table for comparison (its issue #1754). The page reports through `window.bench`; `?hold=1` below.
 */
import { materialRenderers } from '@jsonforms/material-renderers';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { FormView, formAjv } from '../../../web/src/forms/FormView';
import { renderers as cpflowRenderers } from '../../../web/src/forms/registry';
import { I18nProvider } from '../../../web/src/i18n/I18nContext';
import { benchForm, benchData } from './form';

declare global {
  interface Window {
    bench: {
      ready: boolean;
      start(): void;
      mountStart: number;
      mounted?: number;
      changes: number;
      data?: unknown;
    };
  }
}

const params = new URLSearchParams(location.search);
const stock = params.get('renderers') === 'material';
// `?hold=1`: the page loads, builds the strict AJV (as the app does while the task loads), and waits; the bench
// reads the main thread's CPU, then calls `start()` and the form renders in a task of its own. Without it the
// form renders at once, building the AJV in its first render.
const hold = params.get('hold') === '1';
if (hold) formAjv();
window.bench = { mountStart: 0, changes: 0, ready: true, start: () => setTimeout(mount, 0) };

function Harness() {
  const [data, setData] = useState<unknown>(benchData);
  return (
    <FormView
      form={benchForm}
      data={data}
      renderers={stock ? materialRenderers : cpflowRenderers}
      onChange={(d) => {
        window.bench.changes++;
        window.bench.data = d;
        setData(d);
      }}
    />
  );
}

function mount() {
  window.bench.mountStart = performance.now();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider initial="zh">
        <Harness />
      </I18nProvider>
    </StrictMode>,
  );
  // The first frame after React's commit: the form is on screen.
  requestAnimationFrame(() => setTimeout(() => (window.bench.mounted = performance.now()), 0));
}

if (!hold) mount();

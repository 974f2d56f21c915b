import { useState } from 'react';
import type { Hop } from '../../../engine';
import { Icon } from '../../components/icons';
import { useController } from '../../store/store-context';

/**
 * The suggested fix of a drop: what it does and the Apply button on top (seen without
 * scrolling, under the verdict); its YAML and what else it opens fold out on demand.
 */
export function Fix({ fix }: { fix: NonNullable<Hop['fix']> }) {
  const controller = useController();
  const [applying, setApplying] = useState(false);
  const [yaml, setYaml] = useState(false);
  const button =
    'flex shrink-0 items-center gap-1 rounded-md px-3 py-1 text-xs font-semibold focus:outline-none focus:ring-2 focus:ring-amber-300';
  return (
    <div
      data-testid="trace-fix"
      className="shrink-0 rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-sm"
    >
      <div className="flex items-center justify-between gap-2">
        <div
          className="trace-fix-summary line-clamp-1 min-w-0 font-semibold text-amber-900"
          title={fix.summary}
        >
          Suggested fix
          {fix.kind === 'new-policy'
            ? ' (a new policy)'
            : ` (edits ${fix.policyKind !== undefined && fix.policyKind !== 'networkpolicy' ? `${fix.policyKind} ` : ''}${fix.policy})`}
          : {fix.summary}
        </div>
        <button
          type="button"
          data-testid="fix-yaml-toggle"
          aria-expanded={yaml}
          onClick={() => setYaml(!yaml)}
          className={`${button} border border-amber-700 bg-white text-amber-900 hover:bg-amber-100`}
        >
          {yaml ? 'Hide YAML' : 'YAML'}
        </button>
        <button
          type="button"
          data-testid="fix-apply"
          disabled={applying}
          onClick={() => {
            setApplying(true);
            void controller.applyFix(fix).finally(() => setApplying(false));
          }}
          className={`${button} bg-amber-700 text-white hover:bg-amber-800 disabled:bg-slate-400`}
        >
          <Icon name="check" size={13} strokeWidth={3} />{' '}
          {applying ? 'Applying…' : 'Apply and resend'}
        </button>
      </div>
      {yaml && (
        <div data-testid="trace-fix-details">
          {fix.alsoOpens.length > 0 && (
            <div className="text-xs text-amber-800">Also opens: {fix.alsoOpens.join('; ')}</div>
          )}
          {fix.closes !== undefined && fix.closes.length > 0 && (
            <div className="text-xs text-amber-800">Closes: {fix.closes.join('; ')}</div>
          )}
          {fix.alternatives !== undefined && fix.alternatives.length > 0 && (
            <div className="text-xs text-slate-600">Or instead: {fix.alternatives.join('; ')}</div>
          )}
          {/* Scrollable, so focusable: keyboard users scroll it with the arrow keys. */}
          <pre
            tabIndex={0}
            aria-label="The suggested fix as YAML"
            data-testid="fix-yaml"
            className="mt-1 max-h-48 overflow-auto rounded bg-white p-2 font-mono text-xs text-slate-800 focus:outline-none focus:ring-2 focus:ring-amber-500"
          >
            {fix.yaml}
          </pre>
          <div className="mt-1 text-xs text-slate-600">
            Apply edits the YAML in one step: Ctrl+Z in the editor undoes it.
          </div>
        </div>
      )}
    </div>
  );
}

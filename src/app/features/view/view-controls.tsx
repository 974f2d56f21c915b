/**
 * How the cluster is looked at: the grouping (By node / By namespace), labels on the cards, and
 * the theme (light, dark, presenter). Each is a segmented control of real radio buttons, so
 * keyboards and screen readers get them for free, and each choice is words, not only colour.
 */
import { useEffect, useId, useState } from 'react';
import type { CniPlugin } from '../../../engine';
import { useAppStore, useController } from '../../store/store-context';
import { GROUPINGS, THEMES, type Grouping, type Theme } from '../../store/view-slice';

const GROUPING_TEXT: Record<Grouping, { label: string; hint: string }> = {
  node: {
    label: 'By node',
    hint: 'The CNI view: pods in their node, with node IPs, podCIDRs and the links between nodes',
  },
  namespace: {
    label: 'By namespace',
    hint: 'The policy view: pods in their namespace, with the namespace labels',
  },
};

const THEME_TEXT: Record<Theme, { label: string; hint: string }> = {
  light: { label: 'Light', hint: 'Light theme' },
  dark: { label: 'Dark', hint: 'Dark theme' },
  contrast: { label: 'Presenter', hint: 'High contrast and large type, for projectors' },
};

/** The Monaco theme that goes with ours (the editor pane reads it). */
export function toMonacoTheme(theme: Theme): 'netplay-light' | 'vs-dark' | 'hc-light' {
  // netplay-light: Monaco's `vs` with darker keys and numbers (editor/monaco-setup.ts).
  return theme === 'dark' ? 'vs-dark' : theme === 'contrast' ? 'hc-light' : 'netplay-light';
}

function Segmented<T extends string>({
  legend,
  name,
  options,
  value,
  text,
  onChange,
  testId,
}: {
  legend: string;
  name: string;
  options: readonly T[];
  value: T;
  text: Record<T, { label: string; hint: string }>;
  onChange: (value: T) => void;
  testId: string;
}) {
  const id = useId();
  return (
    <fieldset data-testid={testId} data-value={value} className="view-segmented flex items-center">
      <legend className="sr-only">{legend}</legend>
      {options.map((option) => (
        <label
          key={option}
          title={text[option].hint}
          data-testid={`${testId}-${option}`}
          data-checked={option === value ? 'true' : 'false'}
          className="view-segment cursor-pointer px-2.5 py-1 text-xs font-semibold"
        >
          <input
            type="radio"
            className="sr-only"
            name={`${name}-${id}`}
            value={option}
            checked={option === value}
            onChange={() => onChange(option)}
          />
          {option === value ? '✓ ' : ''}
          {text[option].label}
        </label>
      ))}
    </fieldset>
  );
}

export function GroupingToggle() {
  const grouping = useAppStore((s) => s.grouping);
  const setGrouping = useAppStore((s) => s.setGrouping);
  return (
    <Segmented
      legend="Group pods"
      name="grouping"
      options={GROUPINGS}
      value={grouping}
      text={GROUPING_TEXT}
      onChange={setGrouping}
      testId="grouping-toggle"
    />
  );
}

// Short names (the toolbar shares its row with the details panel at 1280 px); the hint says more.
const CNIS: readonly { value: CniPlugin; hint: string }[] = [
  { value: 'calico', hint: 'Calico: BGP routes between nodes, no tunnel; enforces NetworkPolicy' },
  { value: 'cilium', hint: 'Cilium: eBPF, VXLAN tunnel between nodes; enforces NetworkPolicy' },
  { value: 'weave', hint: 'Weave: a bridge per node, VXLAN fast datapath; enforces NetworkPolicy' },
  { value: 'flannel', hint: 'Flannel: a bridge per node, VXLAN; does NOT enforce NetworkPolicy' },
];

/**
 * The CNI plugin: edits the Scenario document's `cni:` (one undo step in the editor), so the
 * text stays the whole truth and a share link carries the choice.
 */
export function CniSelect() {
  const cni = useAppStore((s) => s.lastGood?.cluster.settings.cni);
  const controller = useController();
  const [busy, setBusy] = useState(false);
  const id = useId();
  if (!cni) return null;
  return (
    <span
      className="flex items-center gap-1 px-1"
      title="The CNI plugin: written to the Scenario's cni: field"
    >
      <label htmlFor={id} className="text-xs font-semibold">
        CNI
      </label>
      <select
        id={id}
        data-testid="cni-select"
        value={cni}
        disabled={busy}
        onChange={(e) => {
          setBusy(true);
          void controller.setCni(e.target.value as CniPlugin).finally(() => setBusy(false));
        }}
        className="graph-button rounded border px-1 py-0.5 text-xs font-semibold"
      >
        {CNIS.map((c) => (
          <option key={c.value} value={c.value} title={c.hint}>
            {c.value}
          </option>
        ))}
      </select>
    </span>
  );
}

export function LabelsToggle() {
  const showLabels = useAppStore((s) => s.showLabels);
  const setShowLabels = useAppStore((s) => s.setShowLabels);
  return (
    <label
      data-testid="labels-toggle"
      className="view-check flex cursor-pointer items-center gap-1.5 px-2 py-1 text-xs font-semibold"
      title="Show pod labels and Service ports on the cards"
    >
      <input
        type="checkbox"
        checked={showLabels}
        onChange={(e) => setShowLabels(e.target.checked)}
        className="h-3.5 w-3.5"
      />
      Labels &amp; ports
    </label>
  );
}

export function ThemeToggle() {
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  return (
    <Segmented
      legend="Theme"
      name="theme"
      options={THEMES}
      value={theme}
      text={THEME_TEXT}
      onChange={setTheme}
      testId="theme-toggle"
    />
  );
}

/** Puts the theme on <html> (CSS variables do the rest) and tells the browser the scheme. */
export function ThemeSync() {
  const theme = useAppStore((s) => s.theme);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.style.colorScheme = theme === 'dark' ? 'dark' : 'light';
  }, [theme]);
  return null;
}

/**
 * The trace panel's quick lists, computed by a lazy chunk (to-trace-choices.ts): the lists are
 * needed when the user opens a Pick menu, not for the first paint.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Analysis } from '../../../engine';
import type * as Choices from './to-trace-choices';

const NONE: readonly Choices.TraceChoice[] = [];

export function useTraceChoices(analysis: Analysis | undefined, source: string) {
  const [choices, setChoices] = useState<typeof Choices>();
  useEffect(() => {
    if (analysis && !choices) void import('./to-trace-choices').then((m) => setChoices(m));
  }, [analysis, choices]);
  const sources = useMemo(() => choices?.toSourceChoices(analysis) ?? NONE, [choices, analysis]);
  const destinations = useMemo(
    () => choices?.toDestinationChoices(analysis, source) ?? NONE,
    [choices, analysis, source],
  );
  return { sources, destinations };
}

/**
 * The case's execution drawn on its workflow version (administrators): the human steps it went through are
 * filled, the ones waiting outlined, and the end state filled once the case completed. The API gives tasks,
 * not the engine's state history, so visited states are those of the case's tasks (each task names its state).
 */
import { useApi } from '../../api/ApiContext';
import type { AslDefinition, CaseDetail } from '../../api/types';
import { stepsOf } from '../../components/cases';
import { AsyncView } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import WorkflowGraph from '../../workflow/WorkflowGraph';

export default function ExecutionGraph({ c }: { c: CaseDetail }) {
  const api = useApi();
  const state = useAsync(async () => {
    const version = await api.workflows.version(c.workflowId!, c.workflowVersion ?? 1);
    const definition = (version.definition ??
      (version as { content?: { definition?: AslDefinition } }).content?.definition) as
      AslDefinition | undefined;
    const opened = c.timeline
      .filter((e) => (e.kind ?? e.type) === 'task.opened')
      .map((e) => String(e.data?.taskId ?? ''))
      .filter(Boolean);
    const tasks = await Promise.all(opened.map((id) => api.tasks.get(id).catch(() => null)));
    const stateOf = new Map(tasks.filter((t) => t?.stateName).map((t) => [t!.id, t!.stateName!]));
    const open = new Set(stepsOf(c).map((s) => s.taskId));
    const visited = opened
      .filter((id) => !open.has(id))
      .map((id) => stateOf.get(id))
      .filter((s): s is string => !!s);
    const current = [...open].map((id) => stateOf.get(id)).filter((s): s is string => !!s);
    if (c.status === 'completed' && definition) {
      const end = Object.entries(definition.States).find(([, s]) => s.Type === 'Succeed' || s.End === true);
      if (end) visited.push(end[0]);
    }
    return { definition, visited, current };
  }, [api, c]);
  return (
    <AsyncView state={state}>
      {({ definition, visited, current }) =>
        definition ? (
          <WorkflowGraph definition={definition} visited={visited} current={current} height={360} />
        ) : null
      }
    </AsyncView>
  );
}

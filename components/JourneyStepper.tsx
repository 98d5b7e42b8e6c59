import { stepperStages } from './format';

/** Journey stage as an ordered stepper; stages before the current one are "done". */
export function JourneyStepper({ stages, current }: { stages: string[]; current: string }) {
  const list = stepperStages(stages, current);
  const index = list.indexOf(current);
  return (
    <div className="rl-stepper-wrap">
      <p className="rl-stepper-now">{current === '' ? 'No journey stage yet' : current}</p>
      <ol className="rl-stepper" aria-label="Journey stage">
        {list.map((stage, i) => {
          const state = index < 0 ? 'todo' : i < index ? 'done' : i === index ? 'current' : 'todo';
          return (
            <li key={stage} title={stage} className={`rl-step rl-step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="rl-step-dot" aria-hidden="true" />
              <span className="rl-step-name">{stage}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

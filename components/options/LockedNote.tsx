/** Marks a value an administrator set through managed storage (policy). */
export function LockedNote() {
  return <span className="rl-locked">Set by your IT admin</span>;
}

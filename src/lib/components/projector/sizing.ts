/**
 * A heading's size for its length: short ones at full size, long ones (a 300-character question)
 * smaller, never under 40 px so that they stay readable from the back of a hall.
 */
export function headingSize(text: string, base: number): number {
	const length = [...text].length;
	if (length <= 60) return base;
	if (length <= 120) return Math.max(40, Math.round(base * 0.85));
	if (length <= 200) return Math.max(40, Math.round(base * 0.72));
	return Math.max(40, Math.round(base * 0.62));
}

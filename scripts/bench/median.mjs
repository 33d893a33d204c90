// The median of a list of numbers (the mean of the middle two for an even count), as the peer's
// bench/measure.mjs takes it: shared by the bench scripts that summarise runs of their own.
export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

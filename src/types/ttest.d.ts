/** The part of the `ttest` package NCF Studio uses (it ships no types). */
declare module 'ttest' {
  interface TTestResult {
    pValue(): number;
    testValue(): number;
    freedom(): number;
  }
  function ttest(
    sample: number[],
    options?: { mu?: number; alpha?: number; alternative?: 'not equal' | 'less' | 'greater' },
  ): TTestResult;
  export = ttest;
}

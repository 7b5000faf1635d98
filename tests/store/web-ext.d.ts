// web-ext ships no type declarations; the store check uses only its lint command.
declare module 'web-ext' {
  const webExt: {
    cmd: {
      lint(options: Record<string, unknown>, context: { shouldExitProgram: boolean }): Promise<unknown>;
    };
  };
  export default webExt;
}

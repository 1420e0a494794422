/** A failure to start the stack that the user can fix; its message is printed as it is, without a stack. */
export class StartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartError';
  }
}

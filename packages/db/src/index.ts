export async function migrate(_url: string): Promise<void> {}

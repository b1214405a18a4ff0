/** "Refresh" in the IAM view's title bar: asks the server again (it follows file changes by itself). */
import type { AccountTreeProvider } from '../views/accountTree';

export function createRefreshAccountTreeCommand(tree: AccountTreeProvider) {
  return (): void => tree.refresh();
}

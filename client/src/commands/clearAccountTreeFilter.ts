/** "Clear Filter" in the IAM view's title bar. */
import type { AccountTreeProvider } from '../views/accountTree';

export function createClearAccountTreeFilterCommand(tree: AccountTreeProvider) {
  return (): void => tree.setFilter('');
}

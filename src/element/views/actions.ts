/**
 * How the views run the element's actions. An action's failure is the element's to show (the
 * error line, a `voip-error` event): a view only keeps it from becoming an unhandled rejection.
 */

/** For a button's action. */
export function quietly(action: Promise<unknown>): void {
  action.catch(() => {});
}

/**
 * A submit handler: stops the page load, hands the value of the form's box `name` to `action`,
 * and empties the box when the action succeeded.
 */
export function onSubmitValue(name: string, action: (value: string) => Promise<unknown>): (event: SubmitEvent) => void {
  return (event) => {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem(name) as HTMLInputElement;
    action(input.value).then(
      () => (input.value = ''),
      () => {},
    );
  };
}

/** What the views' small forms share: one text box submitted to an action that may fail. */

/**
 * A submit handler: stops the page load, hands the value of the form's box `name` to `action`,
 * and empties the box when the action succeeded (a failure is shown by the element).
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

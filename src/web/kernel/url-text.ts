/** A text filter typed into: it follows the URL (back button, "Clear filters") and pushes after a pause. */
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';

export function useUrlText(value: string | undefined, push: (text: string | undefined) => void): [string, (text: string) => void] {
  const [text, setText] = useState(value ?? '');
  const pushLater = useDebouncedCallback((next: string) => push(next.trim() || undefined), 300);
  useEffect(() => {
    setText((current) => (current.trim() === (value ?? '') ? current : (value ?? '')));
  }, [value]);
  return [
    text,
    (next: string) => {
      setText(next);
      pushLater(next);
    },
  ];
}

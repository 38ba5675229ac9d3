import { useEffect, useRef, type ReactNode } from 'react';
import { AccessibilityInfo, findNodeHandle, Pressable, Text, View } from 'react-native';
import type { RoomTokenError } from '../core/RoomTokenError';
import { useErrorView } from './useErrorView';

// The `react-native` build's default views (defaultViews.tsx is the web's): React Native's own
// primitives, the same texts and the same Retry rule (useErrorView). Live regions announce a
// change to Android's TalkBack; `role` gives iOS's VoiceOver the same meaning.

// defaultViews.tsx's text, written there as it is: a shared constant costs the web build 15
// bytes. The React Native consumer test and the web tests both pin it.
const LOADING_TEXT = 'Joining the broadcast…';

/** After a Retry press the button that had the screen reader's focus is gone: give it to `ref`. */
function useFocusWhen(focus: boolean) {
  const ref = useRef<View>(null);
  useEffect(() => {
    const node = focus && ref.current ? findNodeHandle(ref.current) : null;
    if (node !== null) AccessibilityInfo.setAccessibilityFocus(node);
  }, [focus]);
  return ref;
}

/** The gate's default loading view: a polite live region. @internal */
export function DefaultFallback({ focus = false }: { focus?: boolean }): ReactNode {
  const ref = useFocusWhen(focus);
  return (
    <View ref={ref} role="status" accessibilityLiveRegion="polite" accessible>
      <Text>{LOADING_TEXT}</Text>
    </View>
  );
}

/** The gate's default error view: a message for people, with Retry where it can help. @internal */
export function DefaultError({ error, retry, focus = false }: { error: RoomTokenError; retry: () => void; focus?: boolean }): ReactNode {
  const { text, canRetry } = useErrorView(error);
  const ref = useFocusWhen(focus);
  return (
    <View>
      {/* The message is the alert, not the View: an accessible View would hide Retry in it. */}
      <Text ref={canRetry ? undefined : ref} role="alert" accessibilityLiveRegion="assertive">
        {text}
      </Text>
      {canRetry && (
        <Pressable ref={ref} accessibilityRole="button" onPress={retry}>
          <Text>Retry</Text>
        </Pressable>
      )}
    </View>
  );
}

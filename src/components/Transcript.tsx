// Prints finished items into the terminal's own scrollback exactly once via <Static>, then acknowledges so the
// reducer drops them (the epoch key remounts Static with only the unprinted rest). Nothing here re-renders
// old output, which is what keeps long sessions flicker-free and memory flat.
import { Box, Static } from "ink";
import { useLayoutEffect } from "react";
import type { Item } from "../ui/app-types.js";
import type { HeaderInfo } from "./Header.js";
import { ItemView } from "./ItemView.js";

export interface TranscriptProps {
  items: Item[];
  epoch: number;
  width: number;
  header: HeaderInfo;
  onPrinted(count: number): void;
}

export function Transcript({ items, epoch, width, header, onPrinted }: TranscriptProps) {
  useLayoutEffect(() => {
    if (items.length > 0) onPrinted(items.length);
  }, [items, onPrinted]);
  return (
    <Static key={epoch} items={items}>
      {(item) => (
        <Box key={item.id} width={width}>
          <ItemView item={item} width={width} header={header} />
        </Box>
      )}
    </Static>
  );
}

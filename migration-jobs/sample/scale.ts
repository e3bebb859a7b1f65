/**
 * The sizes of the three sample deployments. `max` is Microsoft's capacity model for a Persistent Chat
 * pool (domain §5); `medium` about a tenth of it; `small` tens of rooms, for tests and rehearsals.
 */
export type SampleScale = "small" | "medium" | "max";
export const SCALES: readonly SampleScale[] = ["small", "medium", "max"];

export interface RoomGroup {
  rooms: number;
  /** Member role assignments of each room of the group. */
  members: number;
}

export interface ScaleSpec {
  /** Principals of kind user (besides the handful of planted system, group, federated ... ones). */
  users: number;
  /** Rooms by size; the planted rooms are taken from the first group, so the room total is exact. */
  roomGroups: readonly RoomGroup[];
  /** Role assignments + scope entries; scopes fill what role assignments leave (see skeleton.ts). */
  accessControlEntries: number;
  invitations: number;
  /** Messages of the ordinary rooms (the cutoff probe room adds its own few). */
  messages: number;
  /** Average active days per room (MessageDay rows per room). */
  averageActiveDays: number;
  /** One file link per this many messages. */
  messagesPerFileLink: number;
  /** Rooms per leaf category of the ordinary part of the tree. */
  roomsPerLeaf: number;
}

export const SCALE_SPECS: Readonly<Record<SampleScale, ScaleSpec>> = {
  small: {
    users: 200,
    roomGroups: [
      { rooms: 40, members: 6 },
      { rooms: 4, members: 20 },
      { rooms: 1, members: 60 },
    ],
    accessControlEntries: 1_000,
    invitations: 150,
    messages: 6_000,
    averageActiveDays: 10,
    messagesPerFileLink: 40,
    roomsPerLeaf: 6,
  },
  medium: {
    users: 15_000,
    roomGroups: [
      { rooms: 3_200, members: 30 },
      { rooms: 107, members: 150 },
      { rooms: 1, members: 15_000 },
    ],
    accessControlEntries: 200_000,
    invitations: 100_000,
    messages: 1_000_000,
    averageActiveDays: 30,
    messagesPerFileLink: 50,
    roomsPerLeaf: 50,
  },
  // domain §5: capacity model: 32,000 rooms of 30 users, 1,067 of 150, 10 of 16,000 (33,077 rooms);
  // 150,000 provisioned users; 2,000,000 access control entries; 1,000,000 invitations.
  max: {
    users: 150_000,
    roomGroups: [
      { rooms: 32_000, members: 30 },
      { rooms: 1_067, members: 150 },
      { rooms: 10, members: 16_000 },
    ],
    accessControlEntries: 2_000_000,
    invitations: 1_000_000,
    messages: 10_000_000,
    averageActiveDays: 30,
    messagesPerFileLink: 50,
    roomsPerLeaf: 50,
  },
};

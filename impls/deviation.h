// The deliberate bugs a mutant carries: each is one small departure from the
// reference behaviour. The reference runs with Deviation::kNone; every other
// value is the single bug of one mutant (impls/impl_catalog.cc).
#ifndef IMPLS_DEVIATION_H_
#define IMPLS_DEVIATION_H_

#include <cstdint>

namespace pd {

enum class Deviation : std::uint8_t {
  kNone,
  kNotifyEveryRegistration,   // completes every registration at once
  kBaselineAtRegistration,    // first baseline = status at registration, not DISABLED
  kNoBaselineUpdate,          // baseline never moves past DISABLED
  kAcceptSecondRegistration,  // a second registration replaces the first
  kSkipEventWhenPort,         // no SetEvent when a completion port is given
  kIgnoreCompletionKey,       // posts key 0 instead of ulCompletionKey
  kKeepDelivering,            // stays registered after signalling
  kNeverDeliver,              // never completes a registration
  kStatusOutUnwritten,        // leaves the status out-parameter untouched
  kBadStatusInfoVersion,      // Ex: dwMinVer/dwMaxVer left 0
  kUnregisterLeavesPending,   // Unregister forgets the registration silently
  kUnregisterCompletesSuccess,// Unregister completes it as a notification
  kShutdownLeavesPending,     // Shutdown leaves the registration pending
  kGlobalRegistration,        // one registration slot shared by all sessions
  kAcceptInvalidHandle,       // any handle value is taken as the first session
  kAcceptNullPointer,         // NULL required pointers are not refused
  kStaleGetStatus,            // GetStatus reports the status at startup
  kResultTrueWhilePending,    // GetOverlappedResult says TRUE while pending
  kMixedSuccessCodes,         // Ex: alternates ERROR_SUCCESS and ERROR_IO_PENDING
  kSetEventOnPort,            // "signals" the completion port with SetEvent instead of posting
  kThrowWhenUnavailable,      // GetStatus throws a C++ exception while UNAVAILABLE
  kDeliveryPollsForever,      // the delivery check reschedules itself at once, without end
  kNotifyUnseenFlap,          // notifies a registration for a flap that came and went while unregistered
  kSignalBeforeResult,        // signals / posts a notification before writing its result (later, same instant)
  kWaitReturnsIncomplete,     // GetOverlappedResult ignores bWait: ERROR_IO_INCOMPLETE while pending
  kIdleUnregisterBySession,   // idle Unregister: SUCCESS or OPERATION_NOTFOUND, chosen per session at startup
  // The content part of the API.
  kUnavailableKeepsHandles,   // only a move to DISABLED invalidates handles
  kRevalidateOnReturn,        // invalidated handles work again once AVAILABLE
  kCloseInvalidatedFails,     // close of an invalidated handle fails (INVALIDATED)
  kStreamNeverInvalidated,    // stream handles survive every status move
  kInFlightReadSucceeds,      // reads pending at invalidation complete successfully
  kAcceptClosedObjectHandle,  // calls on a closed content/info/stream handle are served
  kDoubleCloseSucceeds,       // closing a handle that is not open succeeds
  kAcceptNullOverlapped,      // content operations accept a NULL lpOverlapped
  kCancelUnknownSucceeds,     // cancelling an OVERLAPPED with no operation succeeds
  kCancelLeavesPending,       // a successful cancel leaves the operation to finish normally
  kReadOffByOne,              // reads deliver the data starting one byte late
  kContentKeyZero,            // content handles' completion packets carry key 0
  kAddDataReturnsSuccess,     // AddData returns ERROR_SUCCESS (still completing later)
  kCloseLeavesPending,        // closing a content handle lets its operations run on (to ERROR_INVALID_HANDLE)
  kInfoIgnoresBufferSize,     // GetInformationByHandle writes and succeeds whatever dwBufferSize
  kAddDataRangeBound,         // AddData at or past the end of the information's range fails (OUT_OF_BOUNDS)
  // The server side (publishing, content information).
  kServerAsyncReturnsSuccess, // add-to-stream, complete-stream and retrieve return ERROR_SUCCESS once started
  kPublishReplaces,           // publishing a published identifier replaces the publication
  kOpenInfoUnpublishedFound,  // open-info of an unpublished identifier succeeds (empty content)
  kCloseForgetsOperations,    // closing a stream or info handle drops its pending operations uncompleted
  kServerPacketKeyZero,       // stream and info packets carry key 0
  kRetrieveOffsetUnwritten,   // a retrieve leaves OVERLAPPED.Offset/OffsetHigh as they were
  kServerPacketBytesZero,     // add-to-stream and retrieve packets carry 0 bytes
  kCompleteClosesStream,      // a successful complete-stream closes its stream handle
  kStatusInfoOverrun,         // Ex: writes a PEERDIST_STATUS_INFO wider than the cbSize passed
  // Sessions (issue 11).
  kStartupAcceptsNewerVersion,  // a request above PEERDIST_VERSION succeeds (negotiated down)
  kVersionByRawNumber,          // compares dwVersionRequested as a number: 1.2 (0x0201) is "too new"
  kGetStatusFailsWhileDisabled, // GetStatus(Ex) returns ERROR_ACCESS_DISABLED_BY_POLICY while DISABLED
  kContentIgnoresSessionHandle, // server and client functions take a bad hPeerDist as the first session
  kShutdownLeavesOperations,    // Shutdown cancels the registration; its operations and objects live on
  // Reads against the peer network and their timeouts (issue 12).
  kDefaultTimeoutUnbounded,   // PEERDIST_READ_TIMEOUT_DEFAULT waits for the peers however long they take
  kReadTimeoutIgnored,        // a timeout in milliseconds is taken as the 5 s default
  kLocalOnlyAsksPeers,        // PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY still fetches from the peers
  kMissingReportsTimeout,     // a block nobody holds completes with ERROR_TIMEOUT, not MISSING_DATA
  kEndReportsMissing,         // a read past the end of the range completes with MISSING_DATA, not NO_MORE
  kStreamOffsetUnwritten,     // a stream read leaves OVERLAPPED Offset/OffsetHigh as the caller set them
  // The rest of the client pages (issue 12).
  kFlushNeedsOpenContent,     // FlushContent refuses a tag no open content handle of the session carries (INVALID_HANDLE)
  kReadReturnsSuccess,        // BlockRead and StreamRead return ERROR_SUCCESS once started (still completing later)
  kReadPacketBytesZero,       // read completion packets carry 0 bytes
  kZeroReadNeedsBuffer,       // a read of 0 bytes with a NULL pBuffer is refused (INVALID_PARAMETER)
  kFlushKeepsData,            // FlushContent completes successfully and drops nothing
  // The service-state rows (issue 11).
  kPolicyRowWhileUnavailable, // publishing and opening while UNAVAILABLE answer ERROR_ACCESS_DISABLED_BY_POLICY
  kShutdownKeepsPublications, // Shutdown leaves the session's publications published
  kPublishRefusesVersion2,    // a publish passing PEERDIST_PUBLICATION_OPTIONS dwVersion 2 fails
  // The publishing pages (issue 11).
  kCloseRefusesBusyStream,    // closing a stream with operations still pending fails (ERROR_INVALID_HANDLE)
  kPublishAcceptsAnyVersion,  // a publish takes any PEERDIST_PUBLICATION_OPTIONS dwVersion
  kAddZeroesFirstByte,        // add-to-stream publishes each buffer with its first byte zeroed
  kIdentifierPrefixMatch,     // publish compares identifiers over the shorter one's length
  // Content information, cancel and session pages (issue 11, orders 340-359).
  kInfoRangeIgnored,          // open-info describes the whole content whatever range was asked for
  kRetrieveEndSucceeds,       // a retrieve at the end completes ERROR_SUCCESS with 0 bytes, not NO_MORE
  kRetrieveRefusesVersion2,   // a retrieve on a handle of version 2 information returns ERROR_INVALID_HANDLE
  kServerCancelAnyIdentifier, // the server cancel finds an operation by its OVERLAPPED alone
  kCancelSignalsCompleted,    // a server cancel of a completed operation signals its event again (NOTFOUND)
  // Prompt reads and range requests (issue 12, orders 300-319).
  kReadWaitsToFill,           // a read the local cache serves only in part waits half its timeout for the rest
  kInfoClassIgnored,          // GetInformationByHandle serves PeerDistClientBasicInfo for any class
  kCancelPostsAfterResult,    // a client cancel of a completed operation signals its event once more
  // Reads on information of a range request (issue 12, read-range-bounds).
  kRangeEndReadSucceeds,      // a block read exactly at the end of the range succeeds with 0 bytes, not NO_MORE
  kMissingPastRangeEnd,       // a missing range runs ullContentOffset bytes past the end of the range
  kRangeEndFromLength,        // NO_MORE from the offset cbContentLength on, as if the range began at 0
  kRangedInfoRefused,         // CompleteContentInformation refuses information of a range not starting at 0
  // The ERROR_INVALID_HANDLE rows, handle by handle (session 5).
  kGoneContentHandleParameter,  // a content handle not open is refused with ERROR_INVALID_PARAMETER
  kNotifiesBaselineStatus,      // a notification writes the status it was waiting to leave, not the new one
  kCloseInfoRefusesBusy,        // closing a content-information handle with a retrieve pending: INVALID_PARAMETER
  // The cause of a DISABLED service (issue 11, service-state-rows).
  kPolicyRowWhileStopped,     // ignores the cause: the policy row while DISABLED, a stopped service included
  kUnavailableRowUnderPolicy, // the unavailable row while DISABLED, a Group Policy included
  // How reads complete on the whole content (issue 12, read mechanics).
  kQueryCountsOneBlock,       // a read of 0 bytes counts the local bytes to the end of its block only
  kStreamMissingStays,        // a stream read reporting a missing range leaves the stream offset where it was
  kResultBytesOffByOne,       // PeerDistGetOverlappedResult reports a byte too many for registrations and AddData
  kReadWaitsInCall,           // BlockRead and StreamRead wait on the read's hEvent before they return
  kStrayPacket,               // a content operation's completion also posts a packet carrying the implementation's own OVERLAPPED
  // Content information versions (issue 11, orders 344-359).
  kRetrievalOptionsIgnored,   // the Ex open hands out version 2 whatever PEERDIST_RETRIEVAL_OPTIONS ask
  kStatusReportsVersion1Only, // PEERDIST_STATUS_INFO reports versions 1..1 while the Ex open hands out version 2
  kCancelLeavesLastError,     // a successful cancel leaves the caller's last error as it was
  kCancelDefersNotice,        // a cancel writes the OVERLAPPED at once but signals and posts 1 ms after returning
  kLookupPrefixMatch,         // unpublish, open-info and the server cancel compare identifiers over the shorter one's length
  // The client pages' objects (issue 12, orders 386-389).
  kFlushPacketKeyZero,        // FlushContent's completion packet carries key 0, not ulCompletionKey
  kInfoPortionReplaces,       // AddContentInformation keeps only the latest portion, not all of them
  // The OVERLAPPED a caller passes (session 6, completion-arrives).
  kObjectSkipsEvent,          // stream, content-information and flush operations complete (unless aborted) without SetEvent(hEvent)
  // Invalid parameters (session 6, invalid-parameter).
  kZeroSizeAccepted,          // PublishAddToStream, RetrieveContentInformation and AddData take a size of 0
  kPortUnchecked,             // the content opens and FlushContent take an hCompletionPort that is no port
  // Content handles deliver the data (issue 12, read-delivers).
  kCachedReadEmpty,           // a read (not local-cache-only) of a block already in the cache succeeds with 0 bytes
  kOpenContentLimitOne,       // OpenContent refuses a second open content handle of a session (INVALID_PARAMETER)
  kCloseContentRefusesBusy,   // closing a content handle with an operation pending: ERROR_INVALID_PARAMETER, left open
  // Cancellation (session 6).
  kCancelFindsReadsOnly,      // the client cancel finds the handle's reads only, not its adds and completes
  kServerCancelAnySession,    // the server cancel finds an operation of another session too
  kCompletedWriteAborted,     // an add to or complete of a complete publication ends ERROR_OPERATION_ABORTED
  // What a read reports (session 6, read-bytes-transferred).
  kBlockReadCountsOneShort,   // a block read that delivers 2 bytes or more counts one byte fewer
  kMissingRangeOneLate,       // a block read's missing range begins a byte after the read's start (and is a byte shorter)
  // The declared content length (session 7, declared-length).
  kDeclaredLengthRefused,     // a publish declaring a non-zero cbContentLength fails (ERROR_INVALID_PARAMETER)
  kDeclaredLengthExclusive,   // an add that reaches the declared length exactly fails (PEERDIST_ERROR_OUT_OF_BOUNDS)
  kEmptyIdentifierAccepted,   // publish, unpublish, open-info and the server cancel take an identifier of 0 bytes
  // 64-bit offsets and the stream position (session 7, read-data and add-data).
  kOffsetHighIgnored,         // a block read starts at OVERLAPPED.Offset alone (OffsetHigh dropped)
  kAddDataOffsetHighIgnored,  // AddData adds at OVERLAPPED.Offset alone (OffsetHigh dropped)
  kStreamReadAtOffset,        // a stream read starts at OVERLAPPED Offset/OffsetHigh when they are not 0
  // The client's rows (session 7, s7-client-rows).
  kZeroInfoAccepted,          // AddContentInformation takes a cbNumberOfBytes of 0 (adds nothing, succeeds)
  kSecondReadRefused,         // a read of a handle with a read pending is refused (ERROR_NOT_FOUND)
  kZeroTagRefused,            // OpenContent refuses a tag of 16 zero bytes (ERROR_NOT_FOUND)
};

}  // namespace pd

#endif  // IMPLS_DEVIATION_H_

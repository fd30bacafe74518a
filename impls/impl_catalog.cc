#include "impls/impl_catalog.h"

#include "impls/reference_impl.h"

namespace pd {

const std::vector<BuiltInImpl>& BuiltInImpls() {
  static const std::vector<BuiltInImpl> catalog = {
      {"reference", "the reference implementation; follows every rule", "", Deviation::kNone},
      {"mutant:notify-every-registration", "completes every registration at once, whatever the status",
       "first-notify", Deviation::kNotifyEveryRegistration},
      {"mutant:baseline-at-registration",
       "takes the status at the first registration as its baseline instead of DISABLED",
       "delivery-liveness", Deviation::kBaselineAtRegistration},
      {"mutant:no-baseline-update", "never moves the baseline past DISABLED, so it re-notifies an unchanged status",
       "change-only", Deviation::kNoBaselineUpdate},
      {"mutant:accept-second-registration", "accepts a second registration, replacing the first",
       "single-registration", Deviation::kAcceptSecondRegistration},
      {"mutant:skip-event-when-port", "does not signal hEvent when a completion port is given",
       "event-and-port", Deviation::kSkipEventWhenPort},
      {"mutant:ignore-completion-key", "posts completion key 0 instead of ulCompletionKey", "event-and-port",
       Deviation::kIgnoreCompletionKey},
      {"mutant:keep-delivering", "stays registered after signalling and signals the same OVERLAPPED again",
       "one-shot", Deviation::kKeepDelivering},
      {"mutant:never-deliver", "never completes a registration", "delivery-liveness", Deviation::kNeverDeliver},
      {"mutant:status-out-unwritten", "never writes the status out-parameter", "status-out",
       Deviation::kStatusOutUnwritten},
      {"mutant:bad-status-info-version", "Ex: leaves dwMinVer and dwMaxVer 0", "status-out",
       Deviation::kBadStatusInfoVersion},
      {"mutant:unregister-leaves-pending", "Unregister drops the registration without completing its OVERLAPPED",
       "unregister-cancels", Deviation::kUnregisterLeavesPending},
      {"mutant:unregister-completes-success", "Unregister completes the OVERLAPPED as a successful notification",
       "unregister-cancels", Deviation::kUnregisterCompletesSuccess},
      {"mutant:shutdown-leaves-pending", "Shutdown leaves the session's registration pending forever",
       "shutdown-cancels", Deviation::kShutdownLeavesPending},
      {"mutant:global-registration", "one registration slot shared by every session", "session-isolation",
       Deviation::kGlobalRegistration},
      {"mutant:accept-invalid-handle", "takes any handle value as the first session", "invalid-handle",
       Deviation::kAcceptInvalidHandle},
      {"mutant:accept-null-pointer", "does not refuse NULL required pointers", "null-argument",
       Deviation::kAcceptNullPointer},
      {"mutant:stale-get-status", "PeerDistGetStatus reports the status seen at startup", "status-report",
       Deviation::kStaleGetStatus},
      {"mutant:notifies-baseline-status",
       "a notification writes the status the session's registration was waiting to leave (its baseline) into the "
       "out-parameter instead of the current one",
       "notified-status", Deviation::kNotifiesBaselineStatus},
      {"mutant:result-true-while-pending", "PeerDistGetOverlappedResult returns TRUE while still pending",
       "overlapped-result", Deviation::kResultTrueWhilePending},
      {"mutant:mixed-success-codes",
       "RegisterEx succeeds with ERROR_SUCCESS and ERROR_IO_PENDING by turns (two readings of the docs at once)",
       "consistent-interpretation", Deviation::kMixedSuccessCodes},
      {"mutant:set-event-on-port", "calls SetEvent on the completion port handle instead of posting a packet to it",
       "host-objects", Deviation::kSetEventOnPort},
      {"mutant:throw-when-unavailable", "PeerDistGetStatus throws a C++ exception while the service is UNAVAILABLE",
       "no-crash", Deviation::kThrowWhenUnavailable},
      {"mutant:delivery-polls-forever",
       "after a status change its delivery check keeps rescheduling itself at once (a livelock in virtual time)",
       "no-hang", Deviation::kDeliveryPollsForever},
      {"mutant:notify-unseen-flap",
       "notifies a new registration for a status change that came and went while the session had none pending",
       "change-only", Deviation::kNotifyUnseenFlap},
      {"mutant:signal-before-result",
       "signals hEvent and posts the packet of a notification before it writes the result into the OVERLAPPED "
       "(in later work at the same instant)",
       "event-and-port", Deviation::kSignalBeforeResult},
      {"mutant:wait-returns-incomplete",
       "PeerDistGetOverlappedResult ignores bWait: FALSE with ERROR_IO_INCOMPLETE while the operation is pending",
       "overlapped-result", Deviation::kWaitReturnsIncomplete},
      {"mutant:idle-unregister-by-session",
       "answers an Unregister with nothing registered ERROR_SUCCESS or PEERDIST_ERROR_OPERATION_NOTFOUND, as each "
       "session chose at its PeerDistStartup (service DISABLED then or not): scenarios disagree across a run",
       "consistent-interpretation", Deviation::kIdleUnregisterBySession},
      // The content part: handles, operations, invalidation.
      {"mutant:unavailable-keeps-handles", "a move to UNAVAILABLE does not invalidate handles (only DISABLED does)",
       "invalidated", Deviation::kUnavailableKeepsHandles},
      {"mutant:stream-never-invalidated", "stream handles keep working after any status move", "invalidated",
       Deviation::kStreamNeverInvalidated},
      {"mutant:revalidate-on-return", "invalidated handles work again once the status is back to AVAILABLE",
       "no-revalidation", Deviation::kRevalidateOnReturn},
      {"mutant:close-invalidated-fails", "closing an invalidated handle fails with PEERDIST_ERROR_INVALIDATED",
       "close-invalidated", Deviation::kCloseInvalidatedFails},
      {"mutant:in-flight-read-succeeds", "a read pending when its handle is invalidated still completes successfully",
       "in-flight-operations", Deviation::kInFlightReadSucceeds},
      {"mutant:accept-closed-handle", "content, content-information and stream handles keep working after close",
       "object-invalid-handle", Deviation::kAcceptClosedObjectHandle},
      {"mutant:double-close-succeeds", "closing a handle that is not open returns ERROR_SUCCESS", "double-close",
       Deviation::kDoubleCloseSucceeds},
      {"mutant:accept-null-overlapped", "asynchronous content operations accept a NULL lpOverlapped",
       "object-null-argument", Deviation::kAcceptNullOverlapped},
      {"mutant:cancel-unknown-succeeds", "cancelling an OVERLAPPED with no operation in flight returns ERROR_SUCCESS",
       "cancel-unknown-operation", Deviation::kCancelUnknownSucceeds},
      {"mutant:cancel-leaves-pending", "a successful cancel leaves the operation to complete normally later",
       "cancel-aborts", Deviation::kCancelLeavesPending},
      {"mutant:read-off-by-one",
       "a read delivers the right number of bytes, taken from one byte past the offset it reads",
       "read-data", Deviation::kReadOffByOne},
      {"mutant:content-key-zero", "completion packets of a content handle's operations carry key 0",
       "event-and-port", Deviation::kContentKeyZero},
      {"mutant:add-data-returns-success",
       "PeerDistClientAddData returns ERROR_SUCCESS instead of ERROR_IO_PENDING (and completes later as usual)",
       "async-pending", Deviation::kAddDataReturnsSuccess},
      {"mutant:close-leaves-pending",
       "closing a content handle does not cancel its pending operations: they fail later with ERROR_INVALID_HANDLE",
       "close-cancels", Deviation::kCloseLeavesPending},
      {"mutant:info-ignores-buffer-size",
       "PeerDistClientGetInformationByHandle writes PEERDIST_CLIENT_BASIC_INFO and succeeds whatever dwBufferSize",
       "client-info", Deviation::kInfoIgnoresBufferSize},
      {"mutant:add-data-range-bound",
       "PeerDistClientAddData at or past the end of the completed information's range fails with "
       "PEERDIST_ERROR_OUT_OF_BOUNDS, also when that information is a range request's and the data is the content's",
       "add-data-outside-range", Deviation::kAddDataRangeBound},
      // The server side.
      {"mutant:server-async-returns-success",
       "PublishAddToStream, PublishCompleteStream and RetrieveContentInformation return ERROR_SUCCESS (not "
       "ERROR_IO_PENDING) once the operation is started",
       "server-success-codes", Deviation::kServerAsyncReturnsSuccess},
      {"mutant:publish-replaces", "publishing an identifier that is published replaces the publication",
       "publish-already-exists", Deviation::kPublishReplaces},
      {"mutant:open-info-unpublished-found",
       "opening content information of an identifier that is not published succeeds, describing empty content",
       "open-info-found", Deviation::kOpenInfoUnpublishedFound},
      {"mutant:close-forgets-operations",
       "closing a stream or content-information handle drops its pending operations without completing them",
       "server-cancels-pending", Deviation::kCloseForgetsOperations},
      {"mutant:server-packet-key-zero", "stream and content-information operations post completion key 0",
       "server-port-and-key", Deviation::kServerPacketKeyZero},
      {"mutant:retrieve-offset-unwritten",
       "a successful retrieve leaves OVERLAPPED.Offset/OffsetHigh untouched instead of the offset of its bytes",
       "retrieve-offset", Deviation::kRetrieveOffsetUnwritten},
      {"mutant:server-packet-bytes-zero",
       "the completion packets of add-to-stream and retrieve operations say 0 bytes transferred",
       "server-bytes-transferred", Deviation::kServerPacketBytesZero},
      {"mutant:complete-closes-stream", "a successful PublishCompleteStream closes its stream handle",
       "complete-keeps-stream", Deviation::kCompleteClosesStream},
      // The memory the caller hands in.
      {"mutant:status-info-overrun",
       "GetStatusEx and RegisterEx write a PEERDIST_STATUS_INFO 4 bytes wider than the cbSize the caller passed (a "
       "newer structure's extra member)",
       "buffer-bounds", Deviation::kStatusInfoOverrun},
      // Sessions: version negotiation, success codes, Shutdown.
      {"mutant:startup-accepts-newer-version",
       "PeerDistStartup accepts a requested version above the one it supports and opens a session anyway",
       "startup-version", Deviation::kStartupAcceptsNewerVersion},
      {"mutant:version-by-raw-number",
       "PeerDistStartup compares dwVersionRequested as a plain number, so 1.2 (0x0201) reads as above 2.0 and is "
       "refused",
       "startup-version", Deviation::kVersionByRawNumber},
      {"mutant:get-status-fails-while-disabled",
       "PeerDistGetStatus and PeerDistGetStatusEx return ERROR_ACCESS_DISABLED_BY_POLICY while the service is "
       "DISABLED instead of reporting the status",
       "session-success-codes", Deviation::kGetStatusFailsWhileDisabled},
      {"mutant:content-ignores-session-handle",
       "the server and client functions take an hPeerDist that is not open as the first open session",
       "invalid-handle", Deviation::kContentIgnoresSessionHandle},
      {"mutant:gone-content-handle-parameter",
       "a read, AddData or other call on a content handle that is not open (closed, or never issued) answers "
       "ERROR_INVALID_PARAMETER instead of ERROR_INVALID_HANDLE",
       "object-invalid-handle", Deviation::kGoneContentHandleParameter},
      {"mutant:shutdown-leaves-operations",
       "PeerDistShutdown cancels the session's registration but leaves its pending server and client operations to "
       "complete normally",
       "shutdown-cancels", Deviation::kShutdownLeavesOperations},
      {"mutant:default-timeout-unbounded",
       "PEERDIST_READ_TIMEOUT_DEFAULT waits for a slow peer however long it takes, not 5 seconds", "read-timeout",
       Deviation::kDefaultTimeoutUnbounded},
      {"mutant:read-timeout-ignored", "a read timeout given in milliseconds is taken as the 5 s default",
       "read-timeout", Deviation::kReadTimeoutIgnored},
      {"mutant:local-only-asks-peers", "PEERDIST_READ_TIMEOUT_LOCAL_CACHE_ONLY reads still fetch blocks from peers",
       "read-local-only", Deviation::kLocalOnlyAsksPeers},
      {"mutant:missing-reports-timeout",
       "a read of a block neither the cache nor any peer holds completes with ERROR_TIMEOUT", "read-missing-data",
       Deviation::kMissingReportsTimeout},
      {"mutant:end-reports-missing",
       "a read outside the content range completes with PEERDIST_ERROR_MISSING_DATA instead of NO_MORE", "read-end",
       Deviation::kEndReportsMissing},
      {"mutant:stream-offset-unwritten", "a stream read never writes its start offset into the OVERLAPPED",
       "read-offset", Deviation::kStreamOffsetUnwritten},
      {"mutant:flush-needs-open-content",
       "PeerDistClientFlushContent returns ERROR_INVALID_HANDLE for a tag no open content handle of the session carries",
       "client-handles-accepted", Deviation::kFlushNeedsOpenContent},
      {"mutant:read-returns-success", "BlockRead and StreamRead return ERROR_SUCCESS once started, completing later",
       "client-success-codes", Deviation::kReadReturnsSuccess},
      {"mutant:read-packet-bytes-zero", "the completion packets of reads carry 0 bytes transferred",
       "read-bytes-transferred", Deviation::kReadPacketBytesZero},
      {"mutant:zero-read-needs-buffer", "a read of 0 bytes with a NULL pBuffer fails with ERROR_INVALID_PARAMETER",
       "optional-arguments-accepted", Deviation::kZeroReadNeedsBuffer},
      {"mutant:flush-keeps-data", "PeerDistClientFlushContent completes successfully but leaves the cache as it was",
       "flush-forgets", Deviation::kFlushKeepsData},
      // The service-state rows.
      {"mutant:policy-row-while-unavailable",
       "publishing and opening content or content information while the service is UNAVAILABLE returns "
       "ERROR_ACCESS_DISABLED_BY_POLICY instead of PEERDIST_ERROR_SERVICE_UNAVAILABLE",
       "service-state-rows", Deviation::kPolicyRowWhileUnavailable},
      {"mutant:shutdown-keeps-publications",
       "PeerDistShutdown leaves the session's publications published (their content information still opens)",
       "shutdown-unpublishes", Deviation::kShutdownKeepsPublications},
      {"mutant:publish-refuses-version-2",
       "PeerDistServerPublishStream refuses PEERDIST_PUBLICATION_OPTIONS_VERSION_2 with ERROR_INVALID_PARAMETER",
       "publication-options", Deviation::kPublishRefusesVersion2},
      // The publishing pages.
      {"mutant:close-refuses-busy-stream",
       "PeerDistServerCloseStreamHandle refuses a stream with operations still pending (ERROR_INVALID_HANDLE)",
       "stream-handles-accepted", Deviation::kCloseRefusesBusyStream},
      {"mutant:close-info-refuses-busy",
       "closing a content-information handle with a retrieve still pending fails with ERROR_INVALID_PARAMETER and "
       "leaves it open",
       "info-handles-accepted", Deviation::kCloseInfoRefusesBusy},
      {"mutant:publish-accepts-any-version",
       "PeerDistServerPublishStream takes a PEERDIST_PUBLICATION_OPTIONS dwVersion the page does not list",
       "publication-options", Deviation::kPublishAcceptsAnyVersion},
      {"mutant:add-zeroes-first-byte",
       "PeerDistServerPublishAddToStream publishes each buffer with its first byte zeroed (the content information "
       "describes other bytes)",
       "published-content", Deviation::kAddZeroesFirstByte},
      {"mutant:identifier-prefix-match",
       "PeerDistServerPublishStream compares content identifiers over the shorter one's length (\"pd-content-10\" "
       "is taken as the published \"pd-content-1\": PEERDIST_ERROR_ALREADY_EXISTS)",
       "publish-already-exists", Deviation::kIdentifierPrefixMatch},
      {"mutant:declared-length-refused",
       "PeerDistServerPublishStream refuses a non-zero cbContentLength (ERROR_INVALID_PARAMETER): only content of "
       "unknown length is published",
       "declared-length", Deviation::kDeclaredLengthRefused},
      {"mutant:declared-length-exclusive",
       "PeerDistServerPublishAddToStream refuses the add that reaches the declared cbContentLength exactly "
       "(PEERDIST_ERROR_OUT_OF_BOUNDS): the bound is taken as exclusive",
       "declared-length", Deviation::kDeclaredLengthExclusive},
      // Content information, cancel and session pages.
      {"mutant:info-range-ignored",
       "PeerDistServerOpenContentInformation(Ex) hands out the information of the whole content whatever range was "
       "asked for",
       "info-range", Deviation::kInfoRangeIgnored},
      {"mutant:retrieve-end-succeeds",
       "a retrieve at the end of the content information completes with ERROR_SUCCESS and 0 bytes instead of "
       "PEERDIST_ERROR_NO_MORE",
       "retrieve-end", Deviation::kRetrieveEndSucceeds},
      {"mutant:retrieve-refuses-version-2",
       "PeerDistServerRetrieveContentInformation refuses a handle whose information is of version 2 (the Ex "
       "function's) with ERROR_INVALID_HANDLE",
       "info-handles-accepted", Deviation::kRetrieveRefusesVersion2},
      {"mutant:server-cancel-any-identifier",
       "PeerDistServerCancelAsyncOperation cancels the operation of its OVERLAPPED whatever content identifier is "
       "passed",
       "cancel-unknown-operation", Deviation::kServerCancelAnyIdentifier},
      {"mutant:cancel-signals-completed",
       "PeerDistServerCancelAsyncOperation of an operation that already completed signals its OVERLAPPED's event "
       "again (returning PEERDIST_ERROR_OPERATION_NOTFOUND)",
       "cancel-posts-once", Deviation::kCancelSignalsCompleted},
      // Prompt reads and range requests (issue 12, orders 300-319).
      {"mutant:read-waits-to-fill",
       "a read the local cache serves only in part waits half its timeout for the rest of the buffer before it "
       "completes with what it has",
       "read-prompt", Deviation::kReadWaitsToFill},
      {"mutant:info-class-ignored",
       "PeerDistClientGetInformationByHandle serves a PEERDIST_CLIENT_BASIC_INFO whatever PeerDistClientInfoClass says, "
       "MaximumPeerDistClientInfoByHandlesClass and beyond included",
       "info-class", Deviation::kInfoClassIgnored},
      {"mutant:cancel-posts-after-result",
       "PeerDistClientCancelAsyncOperation of an operation of the handle that already completed signals its event "
       "once more, a second result (still returning PEERDIST_ERROR_OPERATION_NOTFOUND)",
       "cancel-once", Deviation::kCancelPostsAfterResult},
      // The cause of a DISABLED service (issue 11).
      {"mutant:policy-row-while-stopped",
       "publishing and opening content while the service is DISABLED answer ERROR_ACCESS_DISABLED_BY_POLICY "
       "whatever the cause, a stopped service included (the reference before causes existed)",
       "service-state-rows", Deviation::kPolicyRowWhileStopped},
      {"mutant:unavailable-row-under-policy",
       "publishing and opening content while the service is DISABLED answer PEERDIST_ERROR_SERVICE_UNAVAILABLE "
       "whatever the cause, a Group Policy included",
       "service-state-rows", Deviation::kUnavailableRowUnderPolicy},
      // How reads complete on the whole content (issue 12, read mechanics).
      {"mutant:query-counts-one-block",
       "a read of 0 bytes (cbMaxNumberOfBytes 0) counts the local cache's bytes only to the end of the block at its "
       "offset, not the whole run of consecutive bytes there",
       "read-local-only", Deviation::kQueryCountsOneBlock},
      {"mutant:stream-missing-stays",
       "a stream read that completes with PEERDIST_ERROR_MISSING_DATA or ERROR_TIMEOUT leaves the handle's stream "
       "offset where it was instead of advancing it by the missing range's length",
       "stream-advance", Deviation::kStreamMissingStays},
      {"mutant:result-bytes-off-by-one",
       "PeerDistGetOverlappedResult on a completed registration or PeerDistClientAddData returns TRUE with one byte "
       "more in lpNumberOfBytesTransferred than its OVERLAPPED holds (operations whose count no other rule compares)",
       "overlapped-result", Deviation::kResultBytesOffByOne},
      {"mutant:read-waits-in-call",
       "PeerDistClientBlockRead and PeerDistClientStreamRead wait on the read's hEvent (when there is one) until the "
       "read completes, and only then return ERROR_IO_PENDING",
       "read-queued", Deviation::kReadWaitsInCall},
      {"mutant:stray-packet",
       "a client content operation's completion (AddData, a read, ...) posts, besides its own packet, a second one "
       "carrying the implementation's own copy of the OVERLAPPED, a pointer the caller never passed",
       "own-overlapped", Deviation::kStrayPacket},
      // Content information versions (issue 11, orders 344-359).
      {"mutant:retrieval-options-ignored",
       "PeerDistServerOpenContentInformationEx hands out content information of version 2 whatever versions "
       "PEERDIST_RETRIEVAL_OPTIONS ask for",
       "info-version", Deviation::kRetrievalOptionsIgnored},
      {"mutant:status-reports-version-1-only",
       "PEERDIST_STATUS_INFO (GetStatusEx, RegisterEx) reports dwMinVer = dwMaxVer = 1 while "
       "PeerDistServerOpenContentInformationEx hands out version 2",
       "info-version", Deviation::kStatusReportsVersion1Only},
      {"mutant:cancel-leaves-last-error",
       "a successful PeerDistServerCancelAsyncOperation or PeerDistClientCancelAsyncOperation leaves the caller's "
       "last error as it was, not ERROR_OPERATION_ABORTED",
       "cancel-last-error", Deviation::kCancelLeavesLastError},
      {"mutant:cancel-defers-notice",
       "a successful cancel marks the operation's OVERLAPPED aborted before it returns, but signals its event and "
       "posts its completion packet only 1 ms later",
       "cancel-aborts", Deviation::kCancelDefersNotice},
      {"mutant:lookup-prefix-match",
       "PeerDistServerUnpublish, PeerDistServerOpenContentInformation(Ex) and PeerDistServerCancelAsyncOperation "
       "compare content identifiers over the shorter one's bytes, so \"pd-content-10\" names the published "
       "\"pd-content-1\"",
       "open-info-found", Deviation::kLookupPrefixMatch},
      // Reads on information of a range request.
      {"mutant:range-end-read-succeeds",
       "a PeerDistClientBlockRead exactly at the end of the content information's range completes with "
       "ERROR_SUCCESS and 0 bytes instead of PEERDIST_ERROR_NO_MORE",
       "read-range-bounds", Deviation::kRangeEndReadSucceeds},
      {"mutant:missing-past-range-end",
       "a read missing data reports a missing range that runs ullContentOffset bytes past the end of the "
       "information's range (right only for a range starting at 0)",
       "read-missing-data", Deviation::kMissingPastRangeEnd},
      {"mutant:range-end-from-length",
       "reads complete with PEERDIST_ERROR_NO_MORE from content offset cbContentLength on, as if every range began "
       "at 0 (inside a range that starts later)",
       "read-end", Deviation::kRangeEndFromLength},
      {"mutant:ranged-info-refused",
       "PeerDistClientCompleteContentInformation fails with PEERDIST_ERROR_CANNOT_PARSE_CONTENTINFO for content "
       "information whose range does not start at 0 (a range request's)",
       "range-info-accepted", Deviation::kRangedInfoRefused},
      // The client pages' objects (issue 12, orders 386-389).
      {"mutant:flush-packet-key-zero",
       "PeerDistClientFlushContent posts its completion packet with key 0 instead of the ulCompletionKey it was given",
       "flush-port-and-key", Deviation::kFlushPacketKeyZero},
      {"mutant:info-portion-replaces",
       "PeerDistClientAddContentInformation replaces the content information added before with its own portion "
       "instead of appending it",
       "info-portions", Deviation::kInfoPortionReplaces},
      // The OVERLAPPED a caller passes (session 6).
      {"mutant:object-skips-event",
       "PeerDistServerPublishAddToStream, PublishCompleteStream, RetrieveContentInformation and "
       "PeerDistClientFlushContent complete without signalling the hEvent of their OVERLAPPED (unless aborted)",
       "completion-arrives", Deviation::kObjectSkipsEvent},
      // Invalid parameters (session 6, order 390).
      {"mutant:zero-size-accepted",
       "PeerDistServerPublishAddToStream, PeerDistServerRetrieveContentInformation and PeerDistClientAddData take "
       "a size of 0 (no data) as a request to do nothing instead of refusing it with ERROR_INVALID_PARAMETER",
       "invalid-parameter", Deviation::kZeroSizeAccepted},
      {"mutant:port-unchecked",
       "PeerDistServerPublishStream, PeerDistServerOpenContentInformation(Ex), PeerDistClientOpenContent and "
       "PeerDistClientFlushContent take an hCompletionPort that is not a completion port without refusing it",
       "invalid-parameter", Deviation::kPortUnchecked},
      // Content handles deliver the data (issue 12).
      {"mutant:cached-read-empty",
       "a PeerDistClientBlockRead or StreamRead with a timeout (not local-cache-only) whose first block is already in "
       "the local cache completes with ERROR_SUCCESS and 0 bytes instead of delivering it",
       "read-delivers", Deviation::kCachedReadEmpty},
      {"mutant:open-content-limit-one",
       "PeerDistClientOpenContent fails with ERROR_INVALID_PARAMETER while its session holds a content handle open",
       "client-handles-accepted", Deviation::kOpenContentLimitOne},
      {"mutant:close-content-refuses-busy",
       "closing a content handle with an operation still pending fails with ERROR_INVALID_PARAMETER and leaves it "
       "open",
       "client-handles-accepted", Deviation::kCloseContentRefusesBusy},
      // Cancellation (session 6).
      {"mutant:cancel-finds-reads-only",
       "PeerDistClientCancelAsyncOperation looks among the handle's pending reads only: a pending AddData, "
       "AddContentInformation or CompleteContentInformation is neither found (PEERDIST_ERROR_OPERATION_NOTFOUND) "
       "nor cancelled, by its OVERLAPPED or by a NULL pOverlapped",
       "cancel-aborts", Deviation::kCancelFindsReadsOnly},
      {"mutant:server-cancel-any-session",
       "PeerDistServerCancelAsyncOperation finds and cancels the operation of its OVERLAPPED and identifier whichever "
       "session started it",
       "server-cancel-scope", Deviation::kServerCancelAnySession},
      {"mutant:completed-write-aborted",
       "an add to or a complete of a stream whose publication is already complete completes with "
       "ERROR_OPERATION_ABORTED instead of PEERDIST_ERROR_ALREADY_COMPLETED",
       "aborted-means-cancelled", Deviation::kCompletedWriteAborted},
      // What a read reports (session 6).
      {"mutant:block-read-counts-one-short",
       "a PeerDistClientBlockRead that delivers 2 bytes or more reports one byte fewer as transferred (the buffer "
       "holds them all)",
       "read-bytes-transferred", Deviation::kBlockReadCountsOneShort},
      {"mutant:missing-range-one-late",
       "a PeerDistClientBlockRead completing with PEERDIST_ERROR_MISSING_DATA or ERROR_TIMEOUT reports its missing "
       "range from one byte after the read's start offset (one byte shorter, still within the block)",
       "read-missing-range", Deviation::kMissingRangeOneLate},
      {"mutant:empty-identifier-accepted",
       "PeerDistServerPublishStream, PeerDistServerUnpublish, PeerDistServerOpenContentInformation(Ex) and "
       "PeerDistServerCancelAsyncOperation take an identifier of 0 bytes as the identifier \"\" instead of refusing "
       "it with ERROR_INVALID_PARAMETER",
       "invalid-parameter", Deviation::kEmptyIdentifierAccepted},
      // 64-bit offsets and the stream position (session 7).
      {"mutant:offset-high-ignored",
       "a PeerDistClientBlockRead starts at OVERLAPPED.Offset alone, dropping OffsetHigh (past 2^32 it reads the "
       "bytes of the low offset)",
       "read-data", Deviation::kOffsetHighIgnored},
      {"mutant:add-data-offset-high-ignored",
       "PeerDistClientAddData adds at OVERLAPPED.Offset alone, dropping OffsetHigh (past 2^32 it succeeds instead of "
       "PEERDIST_ERROR_OUT_OF_BOUNDS)",
       "add-data", Deviation::kAddDataOffsetHighIgnored},
      {"mutant:stream-read-at-offset",
       "a PeerDistClientStreamRead whose OVERLAPPED holds a non-zero Offset/OffsetHigh reads from there, not from the "
       "handle's stream position",
       "read-data", Deviation::kStreamReadAtOffset},
      // The client's rows (session 7).
      {"mutant:zero-info-accepted",
       "PeerDistClientAddContentInformation takes a cbNumberOfBytes of 0 (no data) as an add of nothing that "
       "succeeds instead of refusing it with ERROR_INVALID_PARAMETER",
       "invalid-parameter", Deviation::kZeroInfoAccepted},
      {"mutant:second-read-refused",
       "PeerDistClientBlockRead and PeerDistClientStreamRead refuse a read of a content handle that has a read "
       "pending with ERROR_NOT_FOUND: one read at a time",
       "reads-simultaneous", Deviation::kSecondReadRefused},
      {"mutant:zero-tag-refused",
       "PeerDistClientOpenContent refuses a PEERDIST_CONTENT_TAG of 16 zero bytes with ERROR_NOT_FOUND, as if such "
       "a tag labelled nothing",
       "client-handles-accepted", Deviation::kZeroTagRefused},
  };
  return catalog;
}

const BuiltInImpl* FindBuiltInImpl(const std::string& name) {
  for (const BuiltInImpl& impl : BuiltInImpls()) {
    if (impl.name == name) return &impl;
  }
  return nullptr;
}

std::unique_ptr<PeerDistAdapter> MakeBuiltInImpl(const BuiltInImpl& impl, HostServices& host) {
  return std::make_unique<ReferenceImpl>(host, impl.deviation);
}

}  // namespace pd

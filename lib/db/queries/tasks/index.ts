// Tasks that earn points between purchases: the queries, in parts by feature (submitting and
// moderating are composed in lib/server/tasks).
export { type Task, type Submission, type TaskOffer, photoCaptionSchema, lastBirthdayClaim, followedNetworks, boughtItems, reviewedSkus, submissionCounts, NO_SUBMISSIONS, availabilityFor } from "./shared";
export { listTaskOffers } from "./offers";
export { submittingMember, submissionByClientId, activeTask, similarPhotoSubmitted, insertSubmission, completionTimes, creditTaskPoints, type SubmittingMember } from "./submit";
export { lockSubmission, decideSubmission, listReviewQueue, listMemberSubmissions, listApprovedReviews, type ReviewQueueFilter } from "./moderation";
export { canSeePhoto, ownedPhotoKeys } from "./photos";
export { getGamificationFacts, type GamificationFacts } from "./gamification";

// Generated from openapi.json by `pnpm --filter @flywheel/client generate`: do not edit.

export interface paths {
    "/customers/{customerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a customer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The customer's id in your product: the `sub` of their customer tokens. */
                    customerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The customer. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Customer"];
                    };
                };
                /** @description The input is invalid: `message` and `issues` name each field. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No secret key, or not a key of any tenant. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such customer (or item) for this tenant. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests for this key: wait for the `RateLimit` reset. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Create or update a customer
         * @description Email and name replace the stored ones when given; traits are merged over the stored traits. PUT is idempotent by itself.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The customer's id in your product: the `sub` of their customer tokens. */
                    customerId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CustomerUpsert"];
                };
            };
            responses: {
                /** @description The customer as stored. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Customer"];
                    };
                };
                /** @description The input is invalid: `message` and `issues` name each field. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No secret key, or not a key of any tenant. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests for this key: wait for the `RateLimit` reset. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Erase a customer and their data
         * @description For data-protection (GDPR) requests: removes the customer, every event they sent or were the subject of, their points, rewards, badges, referrals, plan, submissions and uploaded images. It cannot be undone.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The customer's id in your product: the `sub` of their customer tokens. */
                    customerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What was erased. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Erasure"];
                    };
                };
                /** @description The input is invalid: `message` and `issues` name each field. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No secret key, or not a key of any tenant. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such customer (or item) for this tenant. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests for this key: wait for the `RateLimit` reset. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a batch of events
         * @description Events in the Segment spec's shape; all or nothing, and idempotent by `messageId` as well.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A key you choose per operation (a UUID, say); a retry with it returns the first response. Kept for 24 hours. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EventBatch"];
                };
            };
            responses: {
                /** @description How many were stored, and how many had been already. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IngestResult"];
                    };
                };
                /** @description The input is invalid: `message` and `issues` name each field. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No secret key, or not a key of any tenant. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A request with this Idempotency-Key is still running, or (`message_id_reused`) a `messageId` you already sent with a different event: nothing was stored. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many events, or too many bytes, in one batch. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description This Idempotency-Key was used with a different request. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests for this key: wait for the `RateLimit` reset. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{customerId}/points": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's points balance */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The customer's id in your product: the `sub` of their customer tokens. */
                    customerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Pending, available and held points. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PointsBalance"];
                    };
                };
                /** @description The input is invalid: `message` and `issues` name each field. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No secret key, or not a key of any tenant. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such customer (or item) for this tenant. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests for this key: wait for the `RateLimit` reset. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{customerId}/points/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's points history */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the page before; none for the first page. */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description The customer's id in your product: the `sub` of their customer tokens. */
                    customerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Newest first, a page at a time. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PointsHistoryPage"];
                    };
                };
                /** @description The input is invalid: `message` and `issues` name each field. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No secret key, or not a key of any tenant. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such customer (or item) for this tenant. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests for this key: wait for the `RateLimit` reset. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{customerId}/points/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Adjust a customer's points
         * @description Credits or debits available points (never below zero), with a reason the customer sees.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A key you choose per operation (a UUID, say); a retry with it returns the first response. Kept for 24 hours. */
                    "idempotency-key"?: string;
                };
                path: {
                    /** @description The customer's id in your product: the `sub` of their customer tokens. */
                    customerId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PointsAdjustment"];
                };
            };
            responses: {
                /** @description The balance after the adjustment. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PointsBalance"];
                    };
                };
                /** @description The input is invalid: `message` and `issues` name each field. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No secret key, or not a key of any tenant. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such customer (or item) for this tenant. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A request with this Idempotency-Key is still running: retry shortly. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description This Idempotency-Key was used with a different request. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests for this key: wait for the `RateLimit` reset. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{customerId}/rewards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A customer's rewards
         * @description Every reward any program granted them, newest first (the newest 500).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The customer's id in your product: the `sub` of their customer tokens. */
                    customerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Their rewards and where each stands. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RewardList"];
                    };
                };
                /** @description The input is invalid: `message` and `issues` name each field. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No secret key, or not a key of any tenant. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such customer (or item) for this tenant. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests for this key: wait for the `RateLimit` reset. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{customerId}/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The friends a customer referred */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The customer's id in your product: the `sub` of their customer tokens. */
                    customerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Newest first (the newest 500), with each status. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReferralList"];
                    };
                };
                /** @description The input is invalid: `message` and `issues` name each field. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No secret key, or not a key of any tenant. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such customer (or item) for this tenant. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests for this key: wait for the `RateLimit` reset. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{customerId}/badges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's badge awards */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The customer's id in your product: the `sub` of their customer tokens. */
                    customerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Live and revoked awards, newest first. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadgeAwardList"];
                    };
                };
                /** @description The input is invalid: `message` and `issues` name each field. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No secret key, or not a key of any tenant. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such customer (or item) for this tenant. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests for this key: wait for the `RateLimit` reset. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Award a badge
         * @description Awards a tier of an active badge, with its points; no rule takes it back. Awarding a tier the customer holds returns that award.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A key you choose per operation (a UUID, say); a retry with it returns the first response. Kept for 24 hours. */
                    "idempotency-key"?: string;
                };
                path: {
                    /** @description The customer's id in your product: the `sub` of their customer tokens. */
                    customerId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BadgeAwardInput"];
                };
            };
            responses: {
                /** @description The award. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadgeAward"];
                    };
                };
                /** @description The input is invalid: `message` and `issues` name each field. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No secret key, or not a key of any tenant. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such customer (or item) for this tenant. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A request with this Idempotency-Key is still running: retry shortly. */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description This Idempotency-Key was used with a different request. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests for this key: wait for the `RateLimit` reset. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{customerId}/badges/{awardId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a badge award
         * @description Revokes the award (its credential shows as revoked) and takes its points back.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The customer's id in your product: the `sub` of their customer tokens. */
                    customerId: string;
                    awardId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The revoked award. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BadgeAward"];
                    };
                };
                /** @description The input is invalid: `message` and `issues` name each field. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No secret key, or not a key of any tenant. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such customer (or item) for this tenant. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests for this key: wait for the `RateLimit` reset. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{customerId}/success-plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's success plan */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The customer's id in your product: the `sub` of their customer tokens. */
                    customerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Their plan: milestones, tasks and health. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SuccessPlan"];
                    };
                };
                /** @description The input is invalid: `message` and `issues` name each field. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No secret key, or not a key of any tenant. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such customer (or item) for this tenant. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests for this key: wait for the `RateLimit` reset. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/submissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's UGC submissions */
        get: {
            parameters: {
                query?: {
                    /** @description The `nextCursor` of the page before; none for the first page. */
                    cursor?: string;
                    limit?: number;
                    status?: "draft" | "pending" | "approved" | "rejected" | "withdrawn" | "taken_down";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Newest first, a page at a time. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubmissionPage"];
                    };
                };
                /** @description The input is invalid: `message` and `issues` name each field. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No secret key, or not a key of any tenant. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests for this key: wait for the `RateLimit` reset. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Customer: {
            id: string;
            email: string | null;
            name: string | null;
            traits: {
                [key: string]: string | number | boolean | null;
            };
            /** @description What Flywheel computed about the customer, nightly and as they answer NPS: their RFM tier, predicted-value band, health band and NPS group. The same values GrowthBook targets on. */
            segments: {
                /** @enum {string} */
                tier?: "champions" | "loyal" | "potential" | "at_risk" | "hibernating" | "new";
                /** @enum {string} */
                valueBand?: "high" | "medium" | "low";
                /** @enum {string} */
                healthBand?: "healthy" | "at_risk" | "critical";
                /** @enum {string} */
                npsGroup?: "promoter" | "passive" | "detractor";
            };
        };
        Error: {
            /** @example invalid_request */
            error: string;
            /** @example amount: Too small: expected number to be >=-1000000 */
            message: string;
            issues?: {
                path: string;
                message: string;
            }[];
        };
        CustomerUpsert: {
            /** Format: email */
            email?: string | null;
            name?: string | null;
            /** @description Merged over the stored traits; your server may set any of them. */
            traits?: {
                [key: string]: string | number | boolean | null;
            };
        };
        Erasure: {
            id: string;
            /** Format: date-time */
            erasedAt: string;
            removed: {
                events: number;
                images: number;
            };
        };
        IngestResult: {
            accepted: number;
            duplicates: number;
        };
        EventBatch: {
            batch: ({
                /** @enum {string} */
                type: "track";
                event: string;
                properties?: unknown;
                messageId: string;
                userId?: string;
                anonymousId?: string;
                /** Format: date-time */
                timestamp?: string;
                context?: unknown;
            } | {
                /** @enum {string} */
                type: "identify";
                traits?: {
                    [key: string]: string | number | boolean | null;
                };
                messageId: string;
                userId?: string;
                anonymousId?: string;
                /** Format: date-time */
                timestamp?: string;
                context?: unknown;
            } | {
                /** @enum {string} */
                type: "page";
                name?: string;
                properties?: unknown;
                messageId: string;
                userId?: string;
                anonymousId?: string;
                /** Format: date-time */
                timestamp?: string;
                context?: unknown;
            })[];
        };
        PointsBalance: {
            pending: number;
            available: number;
            held: number;
        };
        PointsHistoryPage: {
            items: components["schemas"]["PointsHistoryEntry"][];
            nextCursor: string | null;
        };
        PointsHistoryEntry: {
            id: string;
            amount: number;
            /** @enum {string} */
            kind: "earned" | "approved" | "reversed" | "spent" | "released" | "adjusted" | "expired";
            /** @enum {string} */
            bucket: "pending" | "available";
            reason: string | null;
            source: string;
            at: string;
        };
        PointsAdjustment: {
            /** @description Points to credit (positive) or debit (negative) from available points. */
            amount: number;
            /** @description Shown to the customer in their points history. */
            reason: string;
        };
        RewardList: {
            items: components["schemas"]["Reward"][];
        };
        Reward: {
            /** Format: uuid */
            id: string;
            /** @description The domain that granted it: referral, achievements, success-plan, ugc. */
            source: string;
            spec: {
                /** @enum {string} */
                type: "points";
                amount: number;
            } | {
                /** @enum {string} */
                type: "credit";
                amount: number;
                currency: string;
            } | {
                /** @enum {string} */
                type: "coupon";
                pool: string[];
                code?: string;
            } | {
                /** @enum {string} */
                type: "webhook";
                /** Format: uri */
                url: string;
                label: string;
            };
            /** @enum {string} */
            status: "pending" | "approved" | "paid" | "reversed";
            /** Format: date-time */
            createdAt: string;
        };
        ReferralList: {
            items: components["schemas"]["Referral"][];
        };
        Referral: {
            /** Format: uuid */
            id: string;
            /** @description The friend's id in your product. */
            friendId: string;
            /** @enum {string} */
            status: "signed_up" | "qualified" | "pending" | "approved" | "paid" | "held" | "rejected" | "reversed";
            channel: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        BadgeAwardList: {
            items: components["schemas"]["BadgeAward"][];
        };
        BadgeAward: {
            /** Format: uuid */
            id: string;
            /** @description The badge's slug. */
            badge: string;
            /** @enum {string} */
            tier: "standard" | "bronze" | "silver" | "gold";
            /** Format: date-time */
            awardedAt: string;
            /** Format: date-time */
            revokedAt: string | null;
            /** @description Awarded through this API rather than earned by a rule. */
            byApi: boolean;
        };
        BadgeAwardInput: {
            /** @description The badge's slug, as in the console. */
            badge: string;
            /**
             * @description Defaults to the badge's first tier.
             * @enum {string}
             */
            tier?: "standard" | "bronze" | "silver" | "gold";
        };
        SuccessPlan: {
            /** @description The template's slug. */
            template: string;
            /**
             * Format: date
             * @description Day 0, in the customer's time zone.
             */
            startedOn: string;
            day: number;
            days: number;
            /** @enum {string|null} */
            health: "healthy" | "at_risk" | "critical" | null;
            milestones: {
                key: string;
                /** @enum {string} */
                state: "open" | "overdue" | "done";
                progress: number;
                target: number;
                /** Format: date */
                dueOn: string;
                /** Format: date-time */
                completedAt: string | null;
            }[];
            tasks: {
                key: string;
                done: boolean;
                /** @enum {string|null} */
                doneBy: "event" | "customer" | null;
                /** Format: date-time */
                completedAt: string | null;
            }[];
            summary: {
                milestonesDone: number;
                milestones: number;
                tasksDone: number;
                tasks: number;
                overdue: number;
            };
        };
        SubmissionPage: {
            items: components["schemas"]["Submission"][];
            nextCursor: string | null;
        };
        Submission: {
            /** Format: uuid */
            id: string;
            authorId: string;
            kind: string;
            title: string;
            /** @enum {string} */
            status: "draft" | "pending" | "approved" | "rejected" | "withdrawn" | "taken_down";
            likes: number;
            /** Format: date-time */
            publishedAt: string | null;
            /**
             * Format: uri
             * @description Its public page, once published.
             */
            url: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
